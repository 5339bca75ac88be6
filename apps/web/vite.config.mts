import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = `http://localhost:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root,
  plugins: [react()],
  // `@/lib/...`, `@/components/...`: shared code by one name from anywhere in src (tsconfig.json `paths`).
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline module-preload polyfill: the Content-Security-Policy allows scripts from files only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev`: the UI from Vite with hot reload, every server path proxied to the API.
  server: {
    port: 5173,
    proxy: { '/api': api, '/docs': api, '/health': api },
  },
});
