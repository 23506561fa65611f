// Gzipped JavaScript (and CSS) a browser fetches to show a route for the first time: the entry chunk and everything
// it imports statically, plus the route's lazy page chunk and its static imports, read from Vite's build manifest.
// The build checks it against the budgets below (vite.config.ts, plugin first-load-budget); deploy/bench/webui.sh
// prints it. Usage: node scripts/first-load.mjs [dist dir]
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * Route → its page module (and the module it is reached through, `via`, when that is not the entry), its URL path (a regular expression: index.html preloads the page's chunks when the address
 * matches, vite.config.ts plugin route-preload) and the most JavaScript (KB gzip) its first load may carry: the goal
 * of issue 12, 250 KB, for every route (the build fails above it). ANALYZE=1 npx vite build lists what each route's
 * first load holds.
 */
export const ROUTES = {
  'search (/)': { page: 'src/pages/search/SearchPage.tsx', path: '^/$', budgetKb: 250 },
  'work page (/works/:id)': { page: 'src/pages/work/WorkPage.tsx', path: '^/works/[^/]+$', budgetKb: 250 },
  // A workspace page loads through src/WorkspaceRoutes.tsx (the workspaces' routes, access checks and texts).
  'judge entry (/judge/:contestId)': { page: 'src/pages/judge/JudgeEntryPage.tsx', via: 'src/WorkspaceRoutes.tsx', path: '^/judge/[^/]+$', budgetKb: 250 },
};

/**
 * The manifest key of a page module: its source path, or, when Rollup put the page into a chunk that other chunks
 * import too (a lazy part of the page importing a module that lives in the page's chunk), the chunk's `_Name-hash.js`
 * key, which carries the page's name and no `src`.
 */
function pageKey(manifest, page) {
  if (manifest[page]) return page;
  const name = basename(page).replace(/\.[^.]+$/, '');
  const key = Object.keys(manifest).find((k) => manifest[k].isDynamicEntry && manifest[k].name === name);
  if (!key) throw new Error(`${page} is not in the build manifest`);
  return key;
}

export function firstLoad(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const closure = (keys, seen = new Set()) => {
    for (const k of keys) {
      if (seen.has(k)) continue;
      if (!manifest[k]) throw new Error(`${k} is not in the build manifest`);
      seen.add(k);
      closure(manifest[k].imports ?? [], seen);
    }
    return seen;
  };
  const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  return Object.entries(ROUTES).map(([name, { page, via, budgetKb }]) => {
    // An older build (before src/WorkspaceRoutes.tsx) reaches every page from the entry: measured as such.
    const through = via && (manifest[via] || Object.values(manifest).some((c) => c.src === via)) ? [pageKey(manifest, via)] : [];
    const chunks = closure([entryKey, ...through, pageKey(manifest, page)]);
    let js = 0;
    let css = 0;
    const files = [];
    for (const k of chunks) {
      const size = gz(manifest[k].file);
      js += size;
      files.push({ file: manifest[k].file, gzKb: size / 1024 });
      for (const c of manifest[k].css ?? []) css += gz(c);
    }
    return { name, jsKb: js / 1024, cssKb: css / 1024, chunks: chunks.size, budgetKb, files };
  });
}

/** The entry chunk with its static imports (gzip): what every route loads before its page's own chunks. */
export function entryLoad(dist) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const files = [entryKey, ...(manifest[entryKey].imports ?? [])].map((k) => ({ file: manifest[k].file, gzKb: gz(manifest[k].file) / 1024 }));
  return { jsKb: files.reduce((n, f) => n + f.gzKb, 0), files };
}

export function formatEntry(e) {
  return `first-load entry (every route)${' '.repeat(5)}JS ${e.jsKb.toFixed(1).padStart(6)} KB gzip  (${e.files.map((f) => `${f.file} ${f.gzKb.toFixed(1)}`).join(', ')})`;
}

export function format(r) {
  return `first-load ${r.name.padEnd(34)} JS ${r.jsKb.toFixed(1).padStart(6)} KB gzip  CSS ${r.cssKb.toFixed(1)} KB  (${r.chunks} chunks; budget ${r.budgetKb} KB)`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '../dist');
  console.log(formatEntry(entryLoad(dist)));
  for (const r of firstLoad(dist)) console.log(format(r));
}
