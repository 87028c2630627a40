import type { JSX } from 'solid-js';

export type FileIconKind = 'pdf' | 'image' | 'other' | 'files' | 'clip';

/** Line icons for evidence (the app's Icon set has none for file types; emoji fonts are not everywhere). */
const PATHS: Record<FileIconKind, () => JSX.Element> = {
  pdf: () => (
    <>
      <path d="M14 3H6.5A2.5 2.5 0 0 0 4 5.5v13A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V9z" />
      <path d="M14 3v6h6M8 13h8M8 17h5" />
    </>
  ),
  image: () => (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2.5" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="m4 18 5-5 4 4 3-3 4 4" />
    </>
  ),
  other: () => (
    <>
      <path d="M14 3H6.5A2.5 2.5 0 0 0 4 5.5v13A2.5 2.5 0 0 0 6.5 21h11a2.5 2.5 0 0 0 2.5-2.5V9z" />
      <path d="M14 3v6h6M8 12h8M8 15h8M8 18h5" />
    </>
  ),
  files: () => (
    <>
      <path d="M8 7V5.5A2.5 2.5 0 0 1 10.5 3H16l4 4v9.5a2.5 2.5 0 0 1-2.5 2.5H16" />
      <rect x="4" y="7" width="12" height="14" rx="2.5" />
    </>
  ),
  clip: () => (
    <path d="m20 11.5-7.8 7.8a5 5 0 0 1-7.1-7.1l8.2-8.2a3.3 3.3 0 0 1 4.7 4.7l-8.2 8.2a1.7 1.7 0 0 1-2.4-2.4l7.5-7.5" />
  ),
};

export function FileIcon(props: { kind: FileIconKind; size?: number }) {
  return (
    <svg
      class={`icon ws-file-icon ws-file-icon--${props.kind}`}
      width={props.size ?? 16}
      height={props.size ?? 16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {PATHS[props.kind]()}
    </svg>
  );
}
