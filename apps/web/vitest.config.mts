import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The web app's component and helper tests (`npm run test:components`): `*.test.ts(x)` beside the
 * code under src, rendered into jsdom and driven with Testing Library as a person would (typing,
 * clicking). The Playwright tests in e2e/ run against the built app instead.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    css: false,
    restoreMocks: true,
    // Typing into jsdom is slow on a busy machine; the default 5 s is for plain functions.
    testTimeout: 60000,
  },
});
