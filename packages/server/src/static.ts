import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export const EDITOR_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../editor/dist');

const MISSING = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Rectify</title></head>
<body><p>界面尚未构建：请运行 <code>npm run build</code>。</p><p lang="en">The UI is not built yet: run <code>npm run build</code>.</p></body></html>`;

/**
 * Serves the built editor: hashed assets cached for a year, everything else
 * (client-side routes) answered with index.html.
 */
export function staticApp(dist = EDITOR_DIST): Hono {
  const app = new Hono();
  const indexPath = join(dist, 'index.html');
  const built = existsSync(indexPath);
  const index = () => (built ? readFileSync(indexPath, 'utf8') : MISSING);
  if (built) {
    app.use(
      '/assets/*',
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
      serveStatic({ root: dist }),
    );
    app.use('*', serveStatic({ root: dist, index: '__no_index__' }));
  }
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(index());
  });
  return app;
}
