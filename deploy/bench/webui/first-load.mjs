// Gzipped JavaScript (and CSS) a browser fetches to show a route for the first time: the entry chunk and everything
// it imports statically, plus the route's lazy page chunk and its static imports, read from Vite's build manifest.
// Usage: node first-load.mjs <dist dir>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);

function closure(keys, seen = new Set()) {
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    closure(manifest[k].imports ?? [], seen);
  }
  return seen;
}

function gz(file) {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

const routes = {
  'search (/)': 'src/pages/search/SearchPage.tsx',
  'work page (/works/:id)': 'src/pages/work/WorkPage.tsx',
  'judge entry (/judge/:contestId)': 'src/pages/judge/JudgeEntryPage.tsx',
};
for (const [name, page] of Object.entries(routes)) {
  const chunks = closure([entryKey, page]);
  let js = 0;
  let css = 0;
  for (const k of chunks) {
    js += gz(manifest[k].file);
    for (const c of manifest[k].css ?? []) css += gz(c);
  }
  console.log(`first-load ${name.padEnd(34)} JS ${(js / 1024).toFixed(1).padStart(6)} KB gzip  CSS ${(css / 1024).toFixed(1)} KB  (${chunks.size} chunks)`);
}
