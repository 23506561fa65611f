import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Quinoa runs `npm run build` and serves dist/ from the jar; in dev mode it starts `npm start` (vite on 5173) and
// forwards to it every request that is not the API.
// ANALYZE=1 npx vite build prints the largest modules of the first-load chunk (to keep it under the budget).
const analyze = {
  name: 'first-load-report',
  generateBundle(_options: unknown, bundle: Record<string, { type: string; isEntry?: boolean; modules?: Record<string, { renderedLength: number }> }>) {
    if (!process.env.ANALYZE) return;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry || !chunk.modules) continue;
      const sizes = new Map<string, number>();
      for (const [id, m] of Object.entries(chunk.modules)) {
        const pkg = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'app';
        sizes.set(pkg, (sizes.get(pkg) ?? 0) + m.renderedLength);
      }
      [...sizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(`${(v / 1024).toFixed(1).padStart(8)} KB  ${k}`));
    }
  },
};

export default defineConfig({
  plugins: [react(), analyze],
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks; page code is split per route (React.lazy), so the first load carries only the
        // shell and the page asked for.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/(@uppy|hash-wasm)\//.test(id)) return 'upload';
          if (/node_modules\/oidc-client-ts\//.test(id)) return 'oidc';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
