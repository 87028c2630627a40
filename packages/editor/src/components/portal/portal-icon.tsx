import type { JSX } from 'solid-js';

/**
 * Line icons the portal needs beyond the shared set (components/icon.tsx),
 * on the same 24px grid and stroke, so both sets sit side by side.
 */
const PATHS = {
  arrowLeft: () => <path d="M19 12H5M11 6l-6 6 6 6" />,
  trash: () => (
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12.5A1.5 1.5 0 0 0 8.5 21h7a1.5 1.5 0 0 0 1.5-1.5L18 7M9 7V4.5A1.5 1.5 0 0 1 10.5 3h3A1.5 1.5 0 0 1 15 4.5V7" />
  ),
  download: () => (
    <path d="M12 4v11M7 10l5 5 5-5M4 16v2.5A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V16" />
  ),
  x: () => <path d="M6 6l12 12M18 6 6 18" />,
  retry: () => <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />,
  paperclip: () => (
    <path d="m20 11.5-7.8 7.8a5 5 0 0 1-7.1-7.1l8.2-8.2a3.3 3.3 0 0 1 4.7 4.7l-8.2 8.2a1.7 1.7 0 0 1-2.4-2.4l7.5-7.5" />
  ),
  cloudUp: () => (
    <>
      <path d="M7 18.5a4.5 4.5 0 0 1-.9-8.9 6 6 0 0 1 11.6-1.1A4.8 4.8 0 0 1 17.5 18" />
      <path d="M12 12.5V21M8.75 15.5 12 12.25l3.25 3.25" />
    </>
  ),
  history: () => (
    <>
      <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6" />
      <path d="M3 4v4.5h4.5M12 7.5V12l3 2" />
    </>
  ),
  send: () => <path d="M21 3 10 14M21 3l-7 18-4-7-7-4z" />,
  undo: () => <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  redo: () => <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
  listBullet: () => (
    <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" stroke-width="2.25" />
  ),
  listOrdered: () => (
    <>
      <path d="M10 6h10M10 12h10M10 18h10" />
      <path
        d="M4 5l1.5-1v5M3.75 14.5a1.4 1.4 0 0 1 2.5.9c0 .9-2.5 2-2.5 3.6h2.75"
        stroke-width="1.5"
      />
    </>
  ),
  bold: () => <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" stroke-width="2" />,
} satisfies Record<string, () => JSX.Element>;

export type PortalIconName = keyof typeof PATHS;

export function PortalIcon(props: { name: PortalIconName; size?: number; class?: string }) {
  return (
    <svg
      class={props.class ? `icon ${props.class}` : 'icon'}
      width={props.size ?? 18}
      height={props.size ?? 18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {PATHS[props.name]()}
    </svg>
  );
}
