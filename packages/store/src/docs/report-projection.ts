import type { DocProjector } from './doc-store.ts';

/**
 * What an update of a report document hands its projector: the three
 * co-edited texts as they were right after the update, and the capture's
 * place in this process's order.
 */
export interface ReportProjection {
  readonly order: number;
  readonly texts: Readonly<Record<'opening' | 'assessment' | 'requirements', string>>;
}

const MAX_REMEMBERED = 100_000;

const clean = (s: string) => s.replaceAll('\u0000', '');

/**
 * Keeps a draft report's co-edited texts in `reports.content.texts`, in the
 * transaction that stores the document's updates, so issuing (which reads
 * the row) renders exactly what was acknowledged as saved. An issued report
 * is never touched. The newest capture wins; an older one retried late never
 * overwrites it.
 */
export function createReportProjector(): DocProjector {
  const committed = new Map<string, number>();
  return {
    async project(tx, docName, projections) {
      const latest = (projections as readonly ReportProjection[]).reduce<
        ReportProjection | undefined
      >((a, p) => (!a || p.order > a.order ? p : a), undefined);
      if (!latest || (committed.get(docName) ?? -1) > latest.order) return;
      const id = docName.slice(docName.indexOf('.') + 1);
      const texts = {
        opening: clean(latest.texts.opening),
        assessment: clean(latest.texts.assessment),
        requirements: clean(latest.texts.requirements),
      };
      await tx`
        UPDATE reports
        SET content = jsonb_set(COALESCE(content, '{}'::jsonb), '{texts}',
          COALESCE(content->'texts', '{}'::jsonb) || ${tx.json(texts)}::jsonb)
        WHERE id = ${id}::uuid AND state = 'draft'`;
    },
    committed(docName, projections) {
      if (committed.size > MAX_REMEMBERED) committed.clear();
      for (const p of projections as readonly ReportProjection[]) {
        if ((committed.get(docName) ?? -1) < p.order) committed.set(docName, p.order);
      }
    },
  };
}
