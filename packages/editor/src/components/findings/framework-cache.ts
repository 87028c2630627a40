import type { Framework } from '@rectify/domain';
import { loadFramework } from '../../lib/workspace/framework.ts';

const cache = new Map<string, Promise<Framework>>();

/**
 * The framework version a finding was made under: its questions, aspects and
 * severities are checked against that version, so the form offers exactly
 * those. Versions never change once stored, so each is fetched once per page
 * load (a failed fetch is forgotten, to be tried again).
 */
export function frameworkVersion(roundId: string, version: number): Promise<Framework> {
  const key = `${roundId}@${version}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = loadFramework(roundId, version);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}
