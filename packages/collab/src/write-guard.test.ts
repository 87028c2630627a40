import {
  createAnnotation,
  isAppError,
  META,
  paragraphsToRichText,
  REVIEW,
  SERVER_WRITTEN_ROOTS,
  seedReviewDoc,
  setStatus,
  statementOf,
  toggleQuestion,
} from '@rectify/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assertUntouched, decodeClientUpdate } from './write-guard.ts';

/** The server's copy: the statement seeded by client 1, as `seedingStore` does. */
function serverDoc(): Y.Doc {
  const seed = new Y.Doc();
  seed.clientID = 1;
  seedReviewDoc(seed, paragraphsToRichText(['第一段整改进展。', '第二段：已完成制度修订。']), 'v1');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  return doc;
}

/** A client in step with the server; returns what `change` produced as one update. */
function clientUpdate(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  let update: Uint8Array | undefined;
  const merged: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => merged.push(u));
  change(client);
  update = Y.mergeUpdates(merged);
  // Deletions ride in the delete set; encode the diff to include them like a sync step 2 would.
  if (merged.length === 0) update = Y.encodeStateAsUpdate(client, before);
  return update;
}

const refused = (server: Y.Doc, update: Uint8Array): boolean => {
  try {
    assertUntouched(server, decodeClientUpdate(update), SERVER_WRITTEN_ROOTS);
    return false;
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') return true;
    throw error;
  }
};

const firstText = (doc: Y.Doc): Y.XmlText =>
  (statementOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('the statement write guard', () => {
  it('lets annotations, tags, statuses and notes through', () => {
    const server = serverDoc();
    const add = clientUpdate(server, (d) =>
      createAnnotation(d, { id: 'a1', start: 0, end: 3, authorId: 'u', authorName: 'U' }),
    );
    expect(refused(server, add)).toBe(false);
    Y.applyUpdate(server, add);
    const tag = clientUpdate(server, (d) => {
      toggleQuestion(d, 'a1', 'Q3');
      setStatus(d, 'a1', 'resolved', 'u');
      d.getXmlFragment(REVIEW.notes).insert(0, [new Y.XmlText('组内笔记')]);
    });
    expect(refused(server, tag)).toBe(false);
  });

  it('refuses typing into, formatting, or deleting from the statement, and touching its facts', () => {
    const server = serverDoc();
    const edits: Array<(d: Y.Doc) => void> = [
      (d) => firstText(d).insert(2, '篡改'),
      (d) => firstText(d).format(0, 2, { bold: true }),
      (d) => firstText(d).delete(0, 1),
      (d) => statementOf(d).insert(0, [new Y.XmlElement('paragraph')]),
      (d) => (statementOf(d).get(0) as Y.XmlElement).setAttribute('textAlign', 'right'),
      (d) => d.getMap(REVIEW.meta).set(META.statementVersionId, 'other'),
    ];
    for (const edit of edits) expect(refused(server, clientUpdate(server, edit))).toBe(true);
  });

  it('refuses a statement edit hidden behind items of the same update', () => {
    const server = serverDoc();
    // Two inserts in one update: the second's origin is the first, whose origin is the statement.
    const update = clientUpdate(server, (d) =>
      d.transact(() => {
        firstText(d).insert(1, '甲');
        firstText(d).format(1, 1, { italic: true });
        firstText(d).insert(2, '乙');
      }),
    );
    expect(refused(server, update)).toBe(true);
  });

  it('lets an update wait for what it depends on, and refuses the missing piece if it is a statement edit', () => {
    const server = serverDoc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    firstText(client).insert(1, '甲');
    firstText(client).insert(2, '乙'); // hangs on 甲
    const [first, second] = updates as [Uint8Array, Uint8Array];
    // The second alone cannot be placed yet: allowed to wait as pending...
    expect(refused(server, second)).toBe(false);
    // ...but the piece it waits for is a statement edit, so it never arrives.
    expect(refused(server, first)).toBe(true);
  });

  it('never refuses random annotation work and always refuses a random statement edit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(6), fc.nat(30), fc.string({ minLength: 1, maxLength: 4 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.nat(20),
        (ops, at) => {
          const server = serverDoc();
          const annotate = clientUpdate(server, (d) => {
            for (const [op, n, s] of ops) {
              const id = `a${n % 3}`;
              const exists = d.getMap(REVIEW.annotations).has(id);
              if (!exists || op === 0)
                createAnnotation(d, { id, start: n % 5, end: 6, authorId: 'u', authorName: s });
              else if (op === 1) toggleQuestion(d, id, `Q${(n % 12) + 1}`);
              else if (op === 2) setStatus(d, id, n % 2 ? 'resolved' : 'open', 'u');
              else d.getMap(REVIEW.annotations).delete(id);
            }
          });
          expect(refused(server, annotate)).toBe(false);
          Y.applyUpdate(server, annotate);
          const tamper = clientUpdate(server, (d) => firstText(d).insert(at % 8, ops[0]![2]));
          expect(refused(server, tamper)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });
});
