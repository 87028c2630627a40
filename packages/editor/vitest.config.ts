import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

/** The editor's unit tests: Solid components rendered into happy-dom. */
export default defineProject({
  plugins: [solid()],
  test: {
    name: 'editor',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
