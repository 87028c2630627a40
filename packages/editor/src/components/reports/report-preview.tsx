import type { ReportBlock, ReportModel } from '@rectify/domain';
import { For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';

/** Width in characters as typeset: ASCII (the date's digits) takes half a character. */
const widthInChars = (s: string) =>
  [...s].reduce((n, ch) => n + (ch.charCodeAt(0) < 128 ? 0.5 : 1), 0);

/**
 * Signature and date without a seal (GB/T 9704 §7.3.5.2), as the DOCX sets
 * them: the signature two characters from the right, the date under it
 * starting two characters further right. Answers right indents in em.
 */
export function signatureIndents(signature: string, date: string) {
  const sig = widthInChars(signature);
  const d = widthInChars(date);
  if (sig - d >= 2) return { signature: 2, date: sig - d };
  return { signature: d + 4 - sig, date: 2 };
}

/** One block; blocks never change in place (a new model brings new blocks), so no tracking here. */
function Block(props: { block: ReportBlock; model: ReportModel }): JSX.Element {
  const other = (kind: 'signature' | 'date') => {
    const found = props.model.blocks.find((b) => b.kind === kind);
    return found && 'text' in found ? found.text : '';
  };
  const b = props.block;
  switch (b.kind) {
    case 'title':
      return (
        <>
          <h2 class="rp-title">{b.text}</h2>
          <p class="rp-blank" aria-hidden="true" />
        </>
      );
    case 'heading':
      return (
        <p class={`rp-h rp-h--${b.level}`}>
          <span class="rp-h__text">{b.text}</span>
          {b.rest}
        </p>
      );
    case 'problem':
      return (
        <p class="rp-p rp-problem" data-finding-id={b.findingId}>
          {b.text}
        </p>
      );
    case 'attachment-note':
      return (
        <>
          <p class="rp-blank" aria-hidden="true" />
          <p class="rp-p">{b.text}</p>
        </>
      );
    case 'signature':
      return (
        <>
          <p class="rp-blank" aria-hidden="true" />
          <p
            class="rp-p rp-sign"
            style={{ 'padding-right': `${signatureIndents(b.text, other('date')).signature}em` }}
          >
            {b.text}
          </p>
        </>
      );
    case 'date':
      return (
        <p
          class="rp-p rp-sign"
          style={{ 'padding-right': `${signatureIndents(other('signature'), b.text).date}em` }}
        >
          {b.text}
        </p>
      );
    default:
      return <p class="rp-p">{b.text}</p>;
  }
}

/** 附件 问题清单: the table the unit works from, as on its own page of the DOCX. */
export function AttachmentTable(props: { model: ReportModel; class?: string }) {
  const { t } = useI18n();
  const a = () => props.model.attachment;
  return (
    <table class={props.class ?? 'rp-table'}>
      <thead>
        <tr>
          <th scope="col">{t('reports.att.ordinal')}</th>
          <Show when={a().withUnit}>
            <th scope="col">{t('reports.att.unit')}</th>
          </Show>
          <th scope="col">{t('reports.att.problem')}</th>
          <th scope="col">{t('reports.att.question')}</th>
          <th scope="col">{t('reports.att.aspect')}</th>
          <th scope="col">{t('reports.att.requirement')}</th>
          <th scope="col">{t('reports.att.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        <For
          each={a().rows}
          fallback={
            <tr>
              <td colSpan={a().withUnit ? 7 : 6}>{t('reports.att.none')}</td>
            </tr>
          }
        >
          {(r) => (
            <tr data-finding-id={r.findingId}>
              <td class="num">{r.ordinal}</td>
              <Show when={a().withUnit}>
                <td>{r.unitName}</td>
              </Show>
              <td>{r.problem}</td>
              <td>{r.question}</td>
              <td>{r.aspect}</td>
              <td>{r.requirement}</td>
              <td>{r.deadline}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/**
 * The report as the printed page shows it: A4 sheets with the official
 * margins, 小标宋 title, 仿宋 body, 黑体 and 楷体 headings. Rendered from the
 * same content model as the DOCX, so the two never disagree on a word.
 */
export function ReportPreview(props: { model: ReportModel; label?: string }) {
  const { t } = useI18n();
  return (
    <div class="rp-doc" role="document" aria-label={props.label ?? props.model.title} lang="zh-CN">
      <div class="rp-sheet">
        <For each={props.model.blocks}>{(b) => <Block block={b} model={props.model} />}</For>
      </div>
      <div class="rp-sheet rp-sheet--attachment">
        <p class="rp-att-label">{props.model.attachment.label}</p>
        <p class="rp-blank" aria-hidden="true" />
        <h3 class="rp-title">{props.model.attachment.title}</h3>
        <p class="rp-blank" aria-hidden="true" />
        <AttachmentTable model={props.model} />
      </div>
      <p class="rp-doc__note">{t('reports.preview.note')}</p>
    </div>
  );
}
