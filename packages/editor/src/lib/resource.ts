import type { Resource } from 'solid-js';

/**
 * A resource's last good value without the throw Solid does when it failed:
 * screens show their own error state instead of bubbling to a boundary.
 */
export function settled<T>(resource: Resource<T>): T | undefined {
  if (resource.error !== undefined) return undefined;
  return resource.latest;
}
