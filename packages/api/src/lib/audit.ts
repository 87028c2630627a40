import { type AuditEntry, appendAudit, type Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from './actor.ts';

/**
 * Appends what the signed-in caller did to the audit log. Pass the
 * transaction that makes the change, so the record and the change commit (or
 * fail) together. Never put a password or a hash into `details`.
 */
export async function audit(
  db: Db,
  c: Context<ApiEnv>,
  entry: Omit<AuditEntry, 'actorId' | 'actorLabel' | 'address'>,
): Promise<void> {
  const actor = requireActor(c);
  await appendAudit(
    db,
    {
      ...entry,
      actorId: actor.user.id,
      actorLabel: actor.user.username,
      address: c.get('address'),
    },
    c.get('deps').clock(),
  );
}
