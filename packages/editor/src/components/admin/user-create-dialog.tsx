import type { User } from '@rectify/domain';
import { createSignal } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { adminErrorText } from './action-error.ts';
import { adminApi } from './admin-api.ts';
import { AdminDialog } from './admin-dialog.tsx';
import { Field } from './field.tsx';
import { type UserProblems, userProblems } from './user-validation.ts';

/**
 * 新建用户: username, name and an initial password the administrator hands
 * over. Fields are checked as the server would before anything is sent; a
 * taken username is shown on the username field.
 */
export function UserCreateDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (user: User) => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [isAdmin, setIsAdmin] = createSignal(false);
  const [problems, setProblems] = createSignal<UserProblems>({});
  const [taken, setTaken] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const reset = () => {
    setUsername('');
    setDisplayName('');
    setPassword('');
    setIsAdmin(false);
    setProblems({});
    setTaken(false);
    setError(undefined);
  };
  const problem = (key: keyof UserProblems) => {
    const k = problems()[key];
    return k ? t(k) : undefined;
  };

  const submit = async () => {
    const draft = { username: username(), displayName: displayName(), password: password() };
    const found = userProblems(draft);
    setProblems(found);
    setTaken(false);
    setError(undefined);
    if (Object.keys(found).length > 0) {
      document.getElementById(`adm-new-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const user = await adminApi.createUser({
        username: draft.username.trim(),
        displayName: draft.displayName.trim(),
        password: draft.password,
        isAdmin: isAdmin(),
      });
      reset();
      props.onCreated(user);
    } catch (e) {
      if (isApiError(e) && e.status === 409) setTaken(true);
      else setError(adminErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) reset();
        props.onOpenChange(open);
      }}
      title={t('admin.users.create.title')}
      description={t('admin.users.create.intro')}
      busy={busy()}
      error={error()}
      confirmLabel={t('admin.users.create.confirm')}
      busyLabel={t('admin.users.create.busy')}
      onConfirm={submit}
    >
      <div class="adm-form-grid">
        <Field
          id="adm-new-username"
          label={t('admin.users.username')}
          hint={t('admin.users.form.usernameHint')}
          error={taken() ? t('admin.users.form.usernameTaken') : problem('username')}
        >
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              name="username"
              autocomplete="off"
              spellcheck={false}
              value={username()}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="adm-new-displayName"
          label={t('admin.users.displayName')}
          error={problem('displayName')}
        >
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              name="displayName"
              autocomplete="off"
              value={displayName()}
              onInput={(e) => setDisplayName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="adm-new-password"
          label={t('admin.users.initialPassword')}
          hint={t('admin.users.form.passwordHint')}
          error={problem('password')}
        >
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              type="password"
              name="new-password"
              autocomplete="new-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <label class="adm-check">
          <input
            type="checkbox"
            checked={isAdmin()}
            onChange={(e) => setIsAdmin(e.currentTarget.checked)}
          />
          <span>{t('admin.users.form.isAdmin')}</span>
        </label>
      </div>
    </AdminDialog>
  );
}
