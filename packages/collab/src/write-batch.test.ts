import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from './write-batch.ts';

/** A duplex that records each write the stream machinery hands it: one entry per system call a socket would make. */
class RecordingSocket extends Duplex {
  readonly writes: string[][] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.writes.push([chunk.toString()]);
    done();
  }
  override _writev(chunks: { chunk: Buffer }[], done: () => void): void {
    this.writes.push(chunks.map(({ chunk }) => chunk.toString()));
    done();
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteBatch', () => {
  it('sends every frame written to a socket in one turn of the event loop in one write', async () => {
    const batch = new WriteBatch();
    const socket = new RecordingSocket();
    for (const frame of ['a', 'b', 'c']) {
      batch.hold(socket);
      socket.write(frame);
    }
    expect(socket.writes).toEqual([]);
    await nextTurn();
    expect(socket.writes).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the frames of a sender that corks around each frame itself (as ws does) together', async () => {
    const batch = new WriteBatch();
    const socket = new RecordingSocket();
    for (const frame of ['1', '2']) {
      batch.hold(socket);
      socket.cork();
      socket.write(`head${frame}`);
      socket.write(`body${frame}`);
      socket.uncork();
    }
    await nextTurn();
    expect(socket.writes).toEqual([['head1', 'body1', 'head2', 'body2']]);
  });

  it('releases each socket apart, and starts afresh the next turn', async () => {
    const batch = new WriteBatch();
    const [a, b] = [new RecordingSocket(), new RecordingSocket()];
    batch.hold(a);
    a.write('a1');
    batch.hold(b);
    b.write('b1');
    expect(batch.size).toBe(2);
    await nextTurn();
    expect(batch.size).toBe(0);
    batch.hold(a);
    a.write('a2');
    await nextTurn();
    expect(a.writes).toEqual([['a1'], ['a2']]);
    expect(b.writes).toEqual([['b1']]);
  });

  it('leaves a destroyed socket alone', async () => {
    const batch = new WriteBatch();
    const socket = new RecordingSocket();
    socket.destroy();
    batch.hold(socket);
    expect(batch.size).toBe(0);
    await nextTurn();
  });
});
