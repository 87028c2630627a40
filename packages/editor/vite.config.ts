import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const backend = 'http://127.0.0.1:8080';

/**
 * The server (packages/server) serves `dist/` and answers `/api` and `/collab`;
 * in development Vite proxies both so cookies stay same-origin.
 */
export default defineConfig({
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/collab': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
