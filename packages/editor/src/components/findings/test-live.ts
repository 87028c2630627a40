import { textDocBody } from '@rectify/domain';
import { createSignal } from 'solid-js';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import type { LiveSaveState } from '../../lib/collab/save-tracker.ts';

/** A description document holding `text`, one paragraph a line (tests only). */
export function descriptionDoc(text = ''): Y.Doc {
  const doc = new Y.Doc();
  if (text) {
    textDocBody(doc).insert(
      0,
      text.split('\n').map((line) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(line)]);
        return p;
      }),
    );
  }
  return doc;
}

/**
 * A live document with no socket, for tests of the findings screens: the
 * test drives whether the server's copy has arrived and the save state.
 */
export function fakeFindingLive(
  doc = descriptionDoc(),
  opts: { synced?: boolean; readOnly?: boolean } = {},
) {
  const awareness = new Awareness(doc);
  const [save, setSave] = createSignal<LiveSaveState>('saved');
  const [synced, setSynced] = createSignal(opts.synced ?? true);
  const opened: string[] = [];
  const live: LiveDoc = {
    name: '',
    doc,
    provider: {} as never,
    awareness,
    user: { id: 'u1', name: '张三', color: '#2f6db5' },
    connection: () => 'connected',
    synced,
    tried: () => true,
    save,
    ended: () => undefined,
    serverReadOnly: () => opts.readOnly ?? false,
    users: () => [],
    destroy: () => awareness.destroy(),
  };
  return {
    live,
    doc,
    setSave,
    setSynced,
    opened,
    open: (name: string) => {
      opened.push(name);
      return live;
    },
  };
}
