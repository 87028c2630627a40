/**
 * localStorage that never throws: private windows and locked-down browsers
 * refuse storage, and a preference that cannot be remembered must not break
 * the page.
 */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not remembered; the in-memory choice still applies.
  }
}
