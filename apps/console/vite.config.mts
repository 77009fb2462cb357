import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is built into dist/console, which the gateway serves (CONFIG `CONSOLE_DIR`).
 * `vite` (dev server) proxies the API to a gateway on 127.0.0.1:3000.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: `${here}../../dist/console`, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { port: 5173, proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
