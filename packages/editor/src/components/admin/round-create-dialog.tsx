import type { Round } from '@rectify/domain';
import { createSignal } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { request } from '../../lib/api.ts';
import { CopyFromField } from '../framework/copy-from-field.tsx';
import { adminErrorText } from './action-error.ts';
import { AdminDialog } from './admin-dialog.tsx';
import { Field } from './field.tsx';

/**
 * 新建轮次: a name and optional dates. The round starts in setup with the
 * framework that ships, or a copy of an earlier round's, as its version 1
 * (the server does that).
 */
export function RoundCreateDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (round: Round) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = createSignal('');
  const [startsOn, setStartsOn] = createSignal('');
  const [endsOn, setEndsOn] = createSignal('');
  const [copyFrom, setCopyFrom] = createSignal('');
  const [problems, setProblems] = createSignal<{ name?: string; endsOn?: string }>({});
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const close = () => {
    setName('');
    setStartsOn('');
    setEndsOn('');
    setCopyFrom('');
    setProblems({});
    setError(undefined);
    props.onOpenChange(false);
  };
  const submit = async () => {
    const found: { name?: string; endsOn?: string } = {};
    if (!name().trim()) found.name = t('admin.roundNew.nameRequired');
    if (startsOn() && endsOn() && endsOn() < startsOn()) {
      found.endsOn = t('admin.roundNew.endsBeforeStart');
    }
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const round = await request<Round>('POST', '/api/rounds', {
        body: {
          name: name().trim(),
          startsOn: startsOn() || null,
          endsOn: endsOn() || null,
          copyFrom: copyFrom() || undefined,
        },
      });
      close();
      props.onCreated(round);
    } catch (e) {
      setError(adminErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminDialog
      open={props.open}
      onOpenChange={(open) => (open ? props.onOpenChange(true) : close())}
      title={t('admin.roundNew.title')}
      description={copyFrom() ? t('framework.roundNew.introCopy') : t('admin.roundNew.intro')}
      busy={busy()}
      error={error()}
      confirmLabel={t('admin.roundNew.confirm')}
      busyLabel={t('admin.working')}
      onConfirm={submit}
    >
      <div class="adm-form-grid">
        <Field label={t('admin.roundNew.name')} error={problems().name}>
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              value={name()}
              placeholder={t('admin.roundNew.namePlaceholder')}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="adm-form-row">
          <Field label={t('admin.roundNew.startsOn')}>
            {(attrs) => (
              <input
                {...attrs}
                class="input"
                type="date"
                value={startsOn()}
                onInput={(e) => setStartsOn(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('admin.roundNew.endsOn')} error={problems().endsOn}>
            {(attrs) => (
              <input
                {...attrs}
                class="input"
                type="date"
                value={endsOn()}
                onInput={(e) => setEndsOn(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <CopyFromField value={copyFrom()} onChange={setCopyFrom} />
      </div>
    </AdminDialog>
  );
}
