import { useI18n } from '../../i18n/i18n.tsx';
import type { StatementStatus } from '../../lib/portal/contracts.ts';
import { statusText } from '../../lib/portal/labels.ts';
import './portal-base.css';

/**
 * Where a statement stands: 未填写 (muted), 草稿 (amber, work not yet sent),
 * 已提交第N版 (green). A draft over a submitted version says which version
 * the inspectors currently see.
 */
export function StatusChip(props: { status: StatementStatus }) {
  const { t } = useI18n();
  const title = () =>
    props.status.status === 'draft' && props.status.version !== null
      ? t('portal.status.draftOver', { n: props.status.version })
      : undefined;
  return (
    <span
      class={`badge status-chip status-chip--${props.status.status}`}
      title={title()}
      data-status={props.status.status}
    >
      <span class="status-chip__dot" aria-hidden="true" />
      {statusText(t, props.status)}
    </span>
  );
}
