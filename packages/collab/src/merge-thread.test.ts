import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { stallDuring } from '@rectify/store/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabLog } from './log.ts';
import { MergeThread } from './merge-thread.ts';
import { mergeYjsUpdates } from './merge-updates.ts';

/** `count` one-character updates typed at scattered places (so they cannot fold into a few structs). */
function scatteredEdits(count: number): { pieces: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const pieces: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pieces.push(update));
  let seed = 7;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    text.insert(seed % (text.length + 1), '改');
  }
  return { pieces, text: text.toString() };
}

/** Threads of this process at nice 19 (Linux: field 19 of /proc/self/task/<tid>/stat). */
function lowestPriorityThreads(): number {
  return readdirSync('/proc/self/task').filter((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '19';
  }).length;
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

const threads: MergeThread[] = [];
function thread(log?: CollabLog): MergeThread {
  const t = new MergeThread(log);
  threads.push(t);
  return t;
}
afterEach(async () => {
  for (const t of threads.splice(0)) await t.close();
});

describe('MergeThread', () => {
  it('folds pieces into the same snapshot as merging on this thread', async () => {
    const { pieces, text } = scatteredEdits(300);
    const merging = thread();
    const merged = await merging.merge(pieces);
    expect(merging.running).toBe(true);
    expect(textOf(merged)).toBe(text);
    expect(merged).toEqual(mergeYjsUpdates(pieces));
  });

  it('leaves this event loop free while it folds a big document', async () => {
    const { pieces, text } = scatteredEdits(20_000);
    const merging = thread();
    await merging.merge(pieces.slice(0, 2)); // the thread is up
    const { result: merged, took, longest } = await stallDuring(() => merging.merge(pieces));
    expect(textOf(merged)).toBe(text);
    expect(took).toBeGreaterThan(50); // long enough that a stall would show
    // Copying the pieces over is the only work left here.
    expect(longest / took).toBeLessThan(0.5);
  }, 60_000);

  it('refuses pieces that are not Yjs updates with the merge’s own error, and stays up', async () => {
    const warnings: string[] = [];
    const merging = thread((_level, message) => warnings.push(message));
    await expect(merging.merge([new Uint8Array([255, 255, 255, 255])])).rejects.toThrow();
    expect(warnings).toEqual([]); // not mistaken for a thread that died
    const { pieces, text } = scatteredEdits(30);
    expect(textOf(await merging.merge(pieces))).toBe(text);
  });

  it.skipIf(!existsSync('/proc/thread-self'))(
    'runs at the lowest CPU priority, so relaying goes first on a busy core',
    async () => {
      const merging = thread();
      await merging.merge(scatteredEdits(3).pieces);
      expect(lowestPriorityThreads()).toBeGreaterThanOrEqual(1);
      expect(getPriority()).toBe(0); // this thread keeps its own
    },
  );

  it('merges on this thread once closed', async () => {
    const merging = thread();
    await merging.close();
    const { pieces, text } = scatteredEdits(30);
    expect(textOf(await merging.merge(pieces))).toBe(text);
    expect(merging.running).toBe(false);
  });
});
