import type { MessageKey } from '../../i18n/zh.ts';

/** The server's rules for accounts (packages/domain USERNAME, api PASSWORD), checked before sending. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]+$/;
export const MIN_PASSWORD = 10;

export interface UserDraft {
  username: string;
  displayName: string;
  password: string;
}

export type UserProblems = Partial<Record<keyof UserDraft, MessageKey>>;

export function passwordProblem(password: string): MessageKey | undefined {
  if (password.length < MIN_PASSWORD) return 'admin.users.form.passwordShort';
  if (password.length > 1024) return 'admin.users.form.passwordLong';
  return undefined;
}

/** What is wrong with a new account, field by field; empty when it may be sent. */
export function userProblems(d: UserDraft): UserProblems {
  const problems: UserProblems = {};
  const username = d.username.trim();
  if (!username) problems.username = 'admin.users.form.usernameRequired';
  else if (username.length > 64 || !USERNAME_PATTERN.test(username)) {
    problems.username = 'admin.users.form.usernameInvalid';
  }
  const name = d.displayName.trim();
  if (!name) problems.displayName = 'admin.users.form.displayNameRequired';
  else if (name.length > 200) problems.displayName = 'admin.users.form.displayNameLong';
  const password = passwordProblem(d.password);
  if (password) problems.password = password;
  return problems;
}
