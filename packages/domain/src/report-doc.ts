import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { textBlocks } from './minutes-doc.ts';
import type { ReportTexts } from './report-model-text.ts';
import { richTextSchema } from './review-doc/extensions.ts';
import { paragraphsToRichText } from './review-doc/seed.ts';

/**
 * The live document of a draft report (`report.<id>`): the three long texts
 * the group co-edits before issuing, each its own rich-text fragment. The
 * short fields (subject, signature, date) stay plain form fields.
 */
export const REPORT_DOC_FIELDS = ['opening', 'assessment', 'requirements'] as const;
export type ReportDocField = (typeof REPORT_DOC_FIELDS)[number];
export type ReportDocTexts = Pick<ReportTexts, ReportDocField>;

const META = 'meta';
const SEEDED = 'seeded';

/** One field's fragment (Tiptap's rich-text schema). */
export function reportDocField(doc: Y.Doc, field: ReportDocField): Y.XmlFragment {
  return doc.getXmlFragment(field);
}

/** The three texts as the report model reads them: one line per paragraph. */
export function reportDocTexts(doc: Y.Doc): ReportDocTexts {
  const text = (field: ReportDocField) =>
    textBlocks(reportDocField(doc, field))
      .map((b) => b.text)
      .join('\n');
  return {
    opening: text('opening'),
    assessment: text('assessment'),
    requirements: text('requirements'),
  };
}

/**
 * Fills a new report document with the draft's texts, one paragraph per
 * line. Done once, by the server; a doc already seeded is left alone
 * (returns false).
 */
export function seedReportDoc(doc: Y.Doc, texts: ReportDocTexts): boolean {
  const meta = doc.getMap<unknown>(META);
  if (meta.get(SEEDED)) return false;
  doc.transact(() => {
    for (const field of REPORT_DOC_FIELDS) {
      const lines = texts[field].split(/\r?\n/);
      prosemirrorJSONToYXmlFragment(
        richTextSchema(),
        paragraphsToRichText(lines),
        reportDocField(doc, field),
      );
    }
    meta.set(SEEDED, true);
  });
  return true;
}
