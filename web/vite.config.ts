import { defineConfig } from 'vite';

// Everything is bundled (no request leaves for a CDN at run time); the app is served next to
// the dev node on port 8080 (scripts/dev-node.sh).
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1300 },
  server: { port: 8080, strictPort: true, fs: { allow: ['..'] } },
  preview: { port: 8080, strictPort: true },
});
