import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  annotationsOf,
  createAnnotation,
  readAnnotations,
  setStep,
} from './annotations.ts';
import { carryAnnotations } from './carry.ts';
import { carryContent } from './carry-content.ts';
import { ANNOTATION } from './schema.ts';
import { paragraphsToRichText, seedReviewDoc } from './seed.ts';
import { touchedAnnotationKeys } from './touched.ts';

function seeded(paragraphs = ['第一段：导师制已修订。', '第二段：每名导师指导学生不超过15人。']) {
  const doc = new Y.Doc();
  seedReviewDoc(doc, paragraphsToRichText(paragraphs), 'v1');
  return doc;
}

/** The keys each update touched, as the server sees them after applying it to its copy. */
function touchedOnServer(server: Y.Doc): string[][] {
  const seen: string[][] = [];
  server.on('afterTransaction', (tr: Y.Transaction) => {
    seen.push([...touchedAnnotationKeys(server, tr)].sort());
  });
  return seen;
}

describe('touched annotations', () => {
  it('names the annotations an update added, edited deep inside, or removed', () => {
    const client = seeded();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const seen = touchedOnServer(server);
    client.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
    createAnnotation(client, { id: 'a', start: 0, end: 3, authorId: 'u', authorName: 'U' });
    createAnnotation(client, { id: 'b', start: 4, end: 6, authorId: 'u', authorName: 'U' });
    setStep(client, 'a', 'S2');
    const body = annotationsOf(client).get('b')!.get(ANNOTATION.body) as Y.XmlFragment;
    body.insert(0, [new Y.XmlText('正文')]);
    annotationsOf(client).delete('a');
    expect(seen).toEqual([['a'], ['b'], ['a'], ['b'], ['a']]);
  });
});

describe('carrying what the group wrote', () => {
  it('copies body and replies of carried annotations into the new version', () => {
    const v1 = seeded();
    createAnnotation(v1, { id: 'x', start: 14, end: 27, authorId: 'u', authorName: 'U' });
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('请补充名册')]);
    (annotationsOf(v1).get('x')!.get(ANNOTATION.body) as Y.XmlFragment).insert(0, [p]);
    addReply(v1, 'x', {
      id: 'r',
      authorId: 'u',
      authorName: 'U',
      at: '2026-03-02T09:00:00Z',
      text: '已补充',
    });
    const v2 = seeded(['第一段：导师制已修订并印发。', '第二段：每名导师指导学生不超过15人。']);
    const result = carryAnnotations(v1, v2, { newId: (a) => `${a.id}-2` });
    carryContent(v1, v2, result);
    const [carried] = readAnnotations(v2);
    expect(carried).toMatchObject({ id: 'x-2', carriedFrom: 'x', bodyText: '请补充名册' });
    expect(carried!.replies.map((r) => r.text)).toEqual(['已补充']);
  });
});
