import { defaultFramework, type Framework } from '@rectify/domain';
import { createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../test/render.tsx';
import { createTaggedFramework, taggedQuestion } from './tagged-framework.ts';

/** Version 2 renames Q3 and adds Q13; version 1 is the default. */
const v2: Framework = structuredClone(defaultFramework);
v2.questions[2]!.zh = '是否存在“材料整改”“空转整改”情况';
v2.questions.push({ code: 'Q13', focus: 'F4', zh: '是否及时公开整改进展', en: 'Shared?' });

afterEach(() => vi.unstubAllGlobals());

describe('createTaggedFramework', () => {
  it('words an older annotation’s tags as its version did, and a new one’s as the current', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      expect(url.pathname).toBe('/api/rounds/round-tagged/framework');
      expect(url.searchParams.get('version')).toBe('1');
      return json(200, { version: 1, current: 2, framework: defaultFramework, versions: [] });
    });
    vi.stubGlobal('fetch', fetchMock);
    await createRoot(async (dispose) => {
      const [version, setVersion] = createSignal(2);
      const tagged = createTaggedFramework('round-tagged', version, { version: 2, framework: v2 });
      expect(taggedQuestion('Q3', tagged(), v2)?.zh).toContain('材料整改');
      expect(fetchMock).not.toHaveBeenCalled();

      setVersion(1);
      // Until version 1 arrives the chip shows its code only, never the wrong wording.
      expect(tagged()).toBeUndefined();
      await vi.waitFor(() => expect(tagged()).toBeDefined());
      expect(taggedQuestion('Q3', tagged(), v2)?.zh).toContain('纸面整改');
      // Q13 did not exist in version 1: tagged later, it takes the current wording.
      expect(taggedQuestion('Q13', tagged(), v2)?.zh).toBe('是否及时公开整改进展');
      expect(fetchMock).toHaveBeenCalledOnce();
      dispose();
    });
  });
});
