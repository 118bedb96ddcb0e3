import path from 'node:path';
import { defineConfig } from 'vite';

// Built by `npm run build:webapp` (and by `npm start` when the bundle is missing or stale):
// webapp/index.html + webapp/src/ -> webapp/dist/, served by webapp/server.ts.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: process.env.WEBAPP_OUT_DIR ?? path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: 'es' },
  server: { fs: { allow: [path.resolve(import.meta.dirname, '..')] } },
});
