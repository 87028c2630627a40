import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's default cost (~50 ms here). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a random string: checking against it costs what a real check
// costs, so an unknown username answers as slowly as a wrong password.
let dummy: Promise<string> | undefined;

export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  if (!stored) {
    dummy ??= hash(`dummy-${Math.random()}`);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
