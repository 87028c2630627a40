import type { User } from '@rectify/domain';
import { createSignal } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { adminErrorText } from './action-error.ts';
import { adminApi } from './admin-api.ts';
import { AdminDialog } from './admin-dialog.tsx';
import { Field } from './field.tsx';
import { passwordProblem } from './user-validation.ts';

/** 重置密码: sets a new password for someone; the server ends their sessions. */
export function PasswordDialog(props: {
  user: User | undefined;
  onClose: () => void;
  onDone: (user: User) => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const close = () => {
    setPassword('');
    setProblem(undefined);
    setError(undefined);
    props.onClose();
  };
  const submit = async () => {
    const user = props.user;
    if (!user) return;
    const bad = passwordProblem(password());
    setProblem(bad ? t(bad) : undefined);
    setError(undefined);
    if (bad) {
      document.getElementById('adm-reset-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      await adminApi.resetPassword(user.id, password());
      close();
      props.onDone(user);
    } catch (e) {
      setError(adminErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminDialog
      open={!!props.user}
      onOpenChange={(open) => !open && close()}
      title={t('admin.users.reset.title', {
        name: props.user?.displayName ?? '',
        username: props.user?.username ?? '',
      })}
      description={t('admin.users.reset.intro')}
      busy={busy()}
      error={error()}
      confirmLabel={t('admin.users.reset.confirm')}
      busyLabel={t('admin.users.reset.busy')}
      onConfirm={submit}
    >
      <Field
        id="adm-reset-password"
        label={t('admin.users.newPassword')}
        hint={t('admin.users.form.passwordHint')}
        error={problem()}
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
    </AdminDialog>
  );
}
