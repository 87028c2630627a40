import type { Framework, Question } from '@rectify/domain';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type { FrameworkAt } from '../../lib/workspace/framework.ts';
import { frameworkVersion } from '../findings/framework-cache.ts';

/**
 * The framework an annotation was tagged under, so its chips keep the
 * wording in force then: renaming a question does not rewrite history. The
 * version in force is at hand; an earlier one is fetched once (and cached
 * for the page). Undefined while an earlier version loads, never suspending
 * the workspace around it.
 */
export function createTaggedFramework(
  roundId: string,
  version: Accessor<number>,
  current: FrameworkAt,
): Accessor<Framework | undefined> {
  const [loaded, setLoaded] = createSignal<FrameworkAt>();
  createEffect(() => {
    const v = version();
    if (v === current.version) return;
    let alive = true;
    onCleanup(() => {
      alive = false;
    });
    frameworkVersion(roundId, v).then(
      (framework) => alive && setLoaded({ version: v, framework }),
      // Unreadable history: the chips fall back to the current wording below.
      () => alive && setLoaded({ version: v, framework: current.framework }),
    );
  });
  return () => {
    const v = version();
    if (v === current.version) return current.framework;
    const hit = loaded();
    return hit?.version === v ? hit.framework : undefined;
  };
}

/**
 * A tag's question as `tagged` words it; a code that version did not have
 * (tagged later, after the question was added) takes the current wording.
 */
export function taggedQuestion(
  code: string,
  tagged: Framework | undefined,
  current: Framework,
): Question | undefined {
  if (!tagged) return undefined;
  return (
    tagged.questions.find((q) => q.code === code) ?? current.questions.find((q) => q.code === code)
  );
}
