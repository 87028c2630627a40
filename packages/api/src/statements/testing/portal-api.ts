import type { Sql } from '@rectify/store';
import type { ApiDeps } from '../../deps.ts';
import { evidence } from '../../evidence/index.ts';
import { createTestApi } from '../../testing.ts';
import { statements } from '../statement-routes.ts';
import { tasks } from '../tasks-routes.ts';

/**
 * The test API with the portal's routers (tasks, statements, evidence)
 * mounted as app.ts mounts them; a no-op once app.ts does so itself.
 */
export async function createPortalTestApi(
  sql: Sql,
  overrides: Partial<ApiDeps> & { maxUploadBytes?: number } = {},
) {
  const t = await createTestApi(sql, overrides as Partial<ApiDeps>);
  const mounted = (path: string) => t.app.routes.some((r) => r.path === path);
  if (!mounted('/api/evidence/:id/download')) {
    t.app.route('/api/evidence', evidence);
  }
  if (!mounted('/api/statements/submit')) t.app.route('/api', statements);
  if (!mounted('/api/tasks/:taskId')) t.app.route('/api', tasks);
  return t;
}
