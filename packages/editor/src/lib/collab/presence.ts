/** Who I am to the others, as carets and avatars show it. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/**
 * Calm, distinct colours for carets and avatars, readable as white text on
 * top (labels) and as a 2px caret line.
 */
export const PRESENCE_COLORS = [
  '#2f6db5',
  '#2e8065',
  '#a3622a',
  '#8250a8',
  '#b0435a',
  '#4f6b85',
  '#6d7f2b',
  '#b0508f',
] as const;

/** The same person gets the same colour in every tab and on every screen. */
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length]!;
}

/** One or two characters for an avatar: the surname of a Chinese name, else initials. */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  if (/^[\u3400-\u9fff]/.test(trimmed)) return trimmed.length > 2 ? trimmed.slice(-2) : trimmed;
  const words = trimmed.split(/\s+/);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

type AwarenessStates = ReadonlyMap<number, Record<string, unknown>>;

function isUser(value: unknown): value is PresenceUser {
  const v = value as Partial<PresenceUser> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.color === 'string'
  );
}

/**
 * Who is here, once per person however many tabs they have open, me first
 * and then by name, so the avatar row does not reshuffle as people come and go.
 */
export function presentUsers(states: AwarenessStates, meId: string): PresenceUser[] {
  const byId = new Map<string, PresenceUser>();
  for (const state of states.values()) {
    if (isUser(state.user) && !byId.has(state.user.id)) byId.set(state.user.id, state.user);
  }
  return [...byId.values()].sort((a, b) => {
    if (a.id === meId) return -1;
    if (b.id === meId) return 1;
    return a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1);
  });
}
