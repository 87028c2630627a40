import { createHash } from 'node:crypto';
import { reportFacts, reportTexts } from '@rectify/api';
import { fullReviewProjection } from '@rectify/collab';
import {
  type AnnotationData,
  AppError,
  carryAnnotations,
  carryContent,
  DEFAULT_CARRY_THRESHOLD,
  docName,
  isUuid,
  paragraphsToRichText,
  parseDocName,
  type ReportDocTexts,
  type RichTextJson,
  seedReportDoc,
  seedReviewDoc,
} from '@rectify/domain';
import type { DocStore, Sql } from '@rectify/store';
import * as Y from 'yjs';

/**
 * The update that seeds a review document with its statement. Made by a fixed
 * Yjs client id, so every node (and every retry) produces the same bytes and
 * Yjs applies it once however often it is appended.
 */
export function statementSeedUpdate(
  statement: RichTextJson,
  statementVersionId: string,
): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  seedReviewDoc(doc, statement, statementVersionId);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The update that seeds a report document with the draft's texts (fixed client id, as above). */
export function reportSeedUpdate(texts: ReportDocTexts): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  seedReportDoc(doc, texts);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The texts a report document starts from: what the draft has (its defaults until edited). */
async function reportSeed(sql: Sql, reportId: string): Promise<Uint8Array | undefined> {
  try {
    const texts = reportTexts(await reportFacts(sql, reportId));
    return reportSeedUpdate({
      opening: texts.opening,
      assessment: texts.assessment,
      requirements: texts.requirements,
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  }
}

/**
 * The id a carried annotation gets: derived from the annotation it came from
 * and the version it goes to, so two nodes seeding the same doc at once make
 * the same keys (and Yjs keeps one of each) instead of doubling them.
 */
export function carriedId(oldId: string, statementVersionId: string): string {
  const h = createHash('sha256').update(`${statementVersionId}\u0000${oldId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface SeedFacts {
  body: RichTextJson | null;
  submittedAt: Date;
  previousId: string | null;
}

async function seedFacts(sql: Sql, statementVersionId: string): Promise<SeedFacts | undefined> {
  const [row] = await sql<SeedFacts[]>`
    SELECT v.body, v.submitted_at,
           (SELECT pv.id FROM statement_versions pv
            WHERE pv.statement_id = v.statement_id AND pv.version < v.version
            ORDER BY pv.version DESC LIMIT 1) AS previous_id
    FROM statement_versions v WHERE v.id = ${statementVersionId}`;
  return row;
}

export interface CarryReport {
  readonly docName: string;
  readonly fromDocName: string;
  readonly carried: number;
  readonly orphans: number;
}

export interface SeedingStoreOptions {
  /** Carried annotations matched below this confidence become orphans (default 0.6). */
  readonly threshold?: number;
  /** Told of every carry, for the log. */
  readonly onCarry?: (report: CarryReport) => void;
}

/**
 * A DocStore that seeds a report document the first time it is loaded with
 * the draft's texts, and a review document with: the
 * submitted statement and, when the version has a predecessor, that
 * version's open annotations carried over by their quotes (each with its
 * confidence; those it cannot place well enough as orphans to re-attach by
 * hand). Seed and carry are one update, appended (with its projection into
 * `annotations`) before anyone is served the doc. The predecessor is loaded
 * through this same store, so a version nobody opened is seeded (and carries
 * from its own predecessor) on the way: nothing open is skipped.
 */
export function seedingStore(
  inner: DocStore,
  sql: Sql,
  options: SeedingStoreOptions = {},
): DocStore {
  const store: DocStore = {
    async load(name) {
      const updates = await inner.load(name);
      const ref = parseDocName(name);
      if (updates.length > 0 || !ref || !isUuid(ref.id)) return updates;
      if (ref.kind === 'report') {
        // Seeded without a projection: the texts it holds are the row's own.
        const seed = await reportSeed(sql, ref.id);
        if (!seed) return updates;
        await inner.append(name, seed);
        return [seed];
      }
      if (ref.kind !== 'review') return updates;
      const facts = await seedFacts(sql, ref.id);
      if (!facts) return updates;
      const seed = statementSeedUpdate(facts.body ?? paragraphsToRichText([]), ref.id);
      const carry = facts.previousId
        ? await carryInto(seed, ref.id, facts.previousId, facts.submittedAt)
        : undefined;
      const update = carry ? Y.mergeUpdates([seed, carry.update]) : seed;
      await inner.append(name, update, carry ? { projection: carry.projection } : undefined);
      return [update];
    },
    append: (name, update, appendOptions) => inner.append(name, update, appendOptions),
    compact: inner.compact?.bind(inner),
    drain: inner.drain?.bind(inner),
  };

  async function carryInto(
    seed: Uint8Array,
    versionId: string,
    previousId: string,
    submittedAt: Date,
  ): Promise<{ update: Uint8Array; projection: unknown } | undefined> {
    const fromName = docName('review', previousId);
    const from = new Y.Doc();
    const to = new Y.Doc(); // a random client id: two nodes' carries never clash
    try {
      for (const u of await store.load(fromName)) Y.applyUpdate(from, u);
      Y.applyUpdate(to, seed);
      const before = Y.encodeStateVector(to);
      const result = carryAnnotations(from, to, {
        newId: (old: AnnotationData) => carriedId(old.id, versionId),
        threshold: options.threshold ?? DEFAULT_CARRY_THRESHOLD,
        now: submittedAt,
      });
      if (result.carried.length + result.orphans.length === 0) return undefined;
      carryContent(from, to, result);
      options.onCarry?.({
        docName: docName('review', versionId),
        fromDocName: fromName,
        carried: result.carried.length,
        orphans: result.orphans.length,
      });
      return { update: Y.encodeStateAsUpdate(to, before), projection: fullReviewProjection(to) };
    } finally {
      from.destroy();
      to.destroy();
    }
  }

  return store;
}
