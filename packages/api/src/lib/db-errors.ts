import { AppError } from '@rectify/domain';

interface PgError {
  code?: string;
  constraint_name?: string;
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Runs a write and turns the database's refusals into answers a person can
 * act on: a duplicate is 409 with `duplicate`, a row still referenced
 * elsewhere is 409 with `inUse`. Anything else is rethrown untouched.
 */
export async function explainConflicts<T>(
  write: () => Promise<T>,
  messages: { duplicate: string; inUse?: string },
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const code = (e as PgError | undefined)?.code;
    if (code === UNIQUE_VIOLATION) throw new AppError('conflict', messages.duplicate);
    if (code === FOREIGN_KEY_VIOLATION && messages.inUse) {
      throw new AppError('conflict', messages.inUse);
    }
    throw e;
  }
}
