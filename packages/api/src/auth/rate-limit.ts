import type { Db } from '@rectify/store';
import type { AuthSettings } from '../deps.ts';

/**
 * Failed sign-ins are counted per username and per address over a sliding
 * window. Answers how long to wait when either count is at the limit.
 */
export async function checkLoginRate(
  db: Db,
  q: { username: string; address: string; now: Date; settings: AuthSettings },
): Promise<{ retryAfterSeconds: number } | undefined> {
  const since = new Date(q.now.getTime() - q.settings.failureWindowMs);
  const [row] = await db<
    { byUser: number; byAddress: number; oldestUser: Date | null; oldestAddress: Date | null }[]
  >`
    SELECT
      count(*) FILTER (WHERE lower(username) = lower(${q.username}))::int AS by_user,
      count(*) FILTER (WHERE address = ${q.address})::int AS by_address,
      min(at) FILTER (WHERE lower(username) = lower(${q.username})) AS oldest_user,
      min(at) FILTER (WHERE address = ${q.address}) AS oldest_address
    FROM login_attempts
    WHERE NOT success AND at > ${since}
      AND (lower(username) = lower(${q.username}) OR address = ${q.address})`;
  if (!row) return undefined;
  const max = q.settings.maxFailures;
  const blockedSince: Date[] = [];
  if (row.byUser >= max && row.oldestUser) blockedSince.push(row.oldestUser);
  if (row.byAddress >= max && row.oldestAddress) blockedSince.push(row.oldestAddress);
  if (blockedSince.length === 0) return undefined;
  // Waiting until the oldest counted failure leaves the window frees one attempt.
  const until = Math.max(...blockedSince.map((d) => d.getTime() + q.settings.failureWindowMs));
  return { retryAfterSeconds: Math.max(1, Math.ceil((until - q.now.getTime()) / 1000)) };
}

export async function recordLoginAttempt(
  db: Db,
  a: { username: string; address: string; success: boolean; now: Date },
): Promise<void> {
  await db`INSERT INTO login_attempts (username, address, success, at)
           VALUES (${a.username.slice(0, 64)}, ${a.address}, ${a.success}, ${a.now})`;
}
