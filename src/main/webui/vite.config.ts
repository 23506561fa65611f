import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parse, visit, BREAK, stripIgnoredCharacters } from 'graphql';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import { entryLoad, firstLoad, format, formatEntry, ROUTES } from './scripts/first-load.mjs';
import { pickSections } from './src/i18n/sections';

// Quinoa runs `npm run build` and serves dist/ from the jar; in dev mode it starts `npm start` (vite on 5173) and
// forwards to it every request that is not the API.
// ANALYZE=1 npx vite build prints, for each route of scripts/first-load.mjs, the chunks of its first load (gzip) and
// the largest modules in each (to find what to split off when a route nears its budget).
const chunkModules = new Map<string, Record<string, number>>();
const analyze = {
  name: 'first-load-report',
  apply: 'build' as const,
  generateBundle(_options: unknown, bundle: Record<string, { type: string; modules?: Record<string, { renderedLength: number }> }>) {
    if (!process.env.ANALYZE) return;
    for (const [file, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.modules) continue;
      chunkModules.set(file, Object.fromEntries(Object.entries(chunk.modules).map(([id, m]) => [id.replace(/.*node_modules\//, '').replace(/.*\/src\/main\/webui\//, ''), m.renderedLength])));
    }
  },
  closeBundle() {
    if (!process.env.ANALYZE) return;
    for (const r of firstLoad(fileURLToPath(new URL('./dist', import.meta.url)))) {
      console.log(format(r));
      for (const c of r.files.sort((a, b) => b.gzKb - a.gzKb)) {
        const top = Object.entries(chunkModules.get(c.file) ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 4);
        console.log(`  ${c.gzKb.toFixed(1).padStart(6)} KB  ${c.file.padEnd(34)} ${top.map(([m, n]) => `${m} ${(n / 1024).toFixed(1)}`).join(', ')}`);
      }
    }
  },
};

/**
 * Babel plugin: an operation written as graphql(`query X { ... }`) becomes that query text at build time, which urql
 * parses (once, cached) when it is first sent. Types still come from the generated src/gql (tsc checks them against
 * the contract); at run time a page's operations then travel in the page's own chunk. Without it the generated
 * graphql() function maps every source text to its document, so every operation of every page sits in the first-load
 * entry chunk. An operation that spreads a fragment (whose definition is elsewhere) is left to the codegen's own
 * optimizer (next plugin), which imports its complete document from src/gql/graphql.ts.
 */
function inlineOperations({ types: t }: { types: typeof import('@babel/core').types }) {
  return {
    name: 'inline-graphql-operations',
    visitor: {
      CallExpression(path: import('@babel/core').NodePath<import('@babel/core').types.CallExpression>) {
        const { callee, arguments: args } = path.node;
        if (callee.type !== 'Identifier' || callee.name !== 'graphql' || args.length !== 1) return;
        const [arg] = args;
        if (arg.type !== 'TemplateLiteral' || arg.expressions.length) return;
        const source = arg.quasis[0].value.cooked ?? arg.quasis[0].value.raw;
        const doc = parse(source);
        let self = doc.definitions.length === 1 && doc.definitions[0].kind === 'OperationDefinition';
        if (self) visit(doc, { FragmentSpread() { self = false; return BREAK; } });
        if (self) path.replaceWith(t.stringLiteral(stripIgnoredCharacters(source)));
      },
    },
  };
}

/**
 * antd's form/context.js (imported by every input, checkbox and select for its status context) takes FormProvider
 * from @rc-component/form's index, whose top level attaches Field, List and useForm to the Form function. Those
 * assignments are side effects, so the whole form library (validator included) shipped with any page showing an
 * input. FormProvider has its own module; importing it from there leaves the rest to pages that use Form. If a new
 * antd version changes that line, the replace matches nothing and the build is as before (only larger).
 */
const antdFormContext = {
  name: 'antd-form-context',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.replace(/\\/g, '/').endsWith('/antd/es/form/context.js')) return null;
    return code.replace("from '@rc-component/form';", "from '@rc-component/form/es/FormContext';");
  },
};

/**
 * antd components that import a heavy sibling for an optional feature load it on first use instead: Card imports Tabs
 * (with Dropdown, Menu and Overflow) for `tabList`, List imports Pagination (with Select and its virtual list) for
 * `pagination`, Typography imports its editor (TextArea) for `editable`, Segmented imports Tooltip for options with a
 * `tooltip`. Every page showing one of them carried the optional part. The replacement renders the sibling through
 * React.lazy inside its own Suspense (nothing shows for the moment it loads), so a page that does use the feature
 * still works. A wrapper (third element 'children') shows its children while it loads instead of nothing: Tooltip
 * around Typography's copy button, ellipsis and edit icon and around a circular Progress, and the unique-tooltip provider that ConfigProvider puts
 * around the whole app only when `tooltip.unique` is set (never here), which carried @rc-component/trigger into the
 * entry chunk. When an antd upgrade changes a line, nothing is replaced and only the size grows, which the first-load
 * budget check (firstLoadBudget below) reports.
 */
const LAZY_ANTD_IMPORTS: Record<string, [string, string, 'children'?][]> = {
  '/antd/es/card/Card.js': [['Tabs', '../tabs']],
  '/antd/es/list/index.js': [['Pagination', '../pagination']],
  '/antd/es/typography/Base/index.js': [['Editable', '../Editable'], ['Tooltip', '../../tooltip', 'children']],
  '/antd/es/typography/Base/CopyBtn.js': [['Tooltip', '../../tooltip', 'children']],
  '/antd/es/typography/Base/EllipsisTooltip.js': [['Tooltip', '../../tooltip', 'children']],
  '/antd/es/segmented/index.js': [['Tooltip', '../tooltip']],
  '/antd/es/progress/Circle.js': [['Tooltip', '../tooltip', 'children']],
  '/antd/es/config-provider/index.js': [['UniqueProvider', '../tooltip/UniqueProvider', 'children']],
};
/**
 * antd runs with `zeroRuntime` (Root.tsx): its styles come as static CSS (scripts/antd-css.mjs, antd/dist/antd.css)
 * and its style hooks return before calling a component's style function. Those functions (most of antd's
 * `style/*.js`: the CSS of every component written as objects) would still be downloaded, parsed and compiled on every
 * first load. In the build each `genStyleHooks(name, styleFn, ...)` (and genSubStyleComponent, genComponentStyleHook)
 * gets `() => []` for styleFn, so the bundler drops them; the token functions (third argument) stay, antd still
 * writes each component's CSS variables from the theme. Tests and the dev server keep the originals.
 */
const STYLE_HOOK_FACTORIES = new Set(['genStyleHooks', 'genSubStyleComponent', 'genComponentStyleHook']);
const antdStaticStyles = {
  name: 'antd-static-styles',
  apply: 'build' as const,
  transform(this: { parse: (code: string) => unknown }, code: string, id: string) {
    const file = id.replace(/\\/g, '/');
    if (!file.includes('/antd/es/') || !/gen(StyleHooks|SubStyleComponent|ComponentStyleHook)\(/.test(code)) return null;
    type Node = { type: string; start: number; end: number; callee?: { type: string; name?: string }; arguments?: Node[] };
    const cuts: [number, number][] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) { node.forEach(walk); return; }
      const n = node as Node;
      if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && STYLE_HOOK_FACTORIES.has(n.callee.name ?? '') && (n.arguments?.length ?? 0) >= 2) {
        cuts.push([n.arguments![1].start, n.arguments![1].end]);
        n.arguments!.forEach((a, i) => i !== 1 && walk(a));
        return;
      }
      for (const [key, value] of Object.entries(n)) if (key !== 'callee' && value && typeof value === 'object') walk(value);
    };
    walk(this.parse(code));
    if (!cuts.length) return null;
    let out = code;
    for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + '() => []' + out.slice(end);
    return { code: out, map: null };
  },
};

const lazyAntdParts = {
  name: 'lazy-antd-parts',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    const file = Object.keys(LAZY_ANTD_IMPORTS).find((f) => id.replace(/\\/g, '/').endsWith(f));
    if (!file || !code.includes("import * as React from 'react';")) return null;
    let out = code;
    for (const [name, from, fallback] of LAZY_ANTD_IMPORTS[file]) {
      out = out.replace(`import ${name} from '${from}';`, [
        `const Lazy${name} = /*#__PURE__*/React.lazy(() => import('${from}'));`,
        `const ${name} = (props) => React.createElement(React.Suspense, { fallback: ${fallback === 'children' ? 'props.children' : 'null'} }, React.createElement(Lazy${name}, props));`,
      ].join('\n'));
    }
    return out;
  },
};

/**
 * A message file cut in two (src/i18n/sections.ts): `import m from '../locales/zh-CN.json?public'` is the public
 * pages' texts, `?workspace` the rest. The entry carries only the first; src/WorkspaceRoutes.tsx the second. The file
 * itself stays whole (one per language, checked complete by locales.test.ts).
 */
const localeSections = {
  name: 'locale-sections',
  enforce: 'pre' as const,
  async resolveId(this: { resolve: (source: string, importer?: string, options?: { skipSelf: boolean }) => Promise<{ id: string } | null> }, source: string, importer?: string) {
    const m = source.match(/^(.*\.json)\?(public|workspace)$/);
    if (!m) return null;
    const file = await this.resolve(m[1], importer, { skipSelf: true });
    // Not ending in .json: Vite's JSON plugin would parse the module this one writes.
    return file ? `\0locale-sections:${m[2]}:${file.id}.js` : null;
  },
  load(this: { addWatchFile: (id: string) => void }, id: string) {
    const m = id.match(/^\0locale-sections:(public|workspace):(.*)\.js$/);
    if (!m) return null;
    this.addWatchFile(m[2]);
    const part = pickSections(JSON.parse(readFileSync(m[2], 'utf8')), m[1] as 'public' | 'workspace');
    // JSON.parse of a string literal: parsed faster than the same object as a JavaScript literal.
    return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
  },
};

/**
 * Fails the production build when a route's first load (entry chunk, the page chunk and their static imports, gzip)
 * exceeds its budget in scripts/first-load.mjs, and prints the figures. Deterministic: sizes of the files just
 * written, no timing.
 */
const firstLoadBudget = {
  name: 'first-load-budget',
  apply: 'build' as const,
  closeBundle() {
    const over: string[] = [];
    console.log(formatEntry(entryLoad(fileURLToPath(new URL('./dist', import.meta.url)))));
    for (const r of firstLoad(fileURLToPath(new URL('./dist', import.meta.url)))) {
      console.log(format(r));
      if (r.jsKb > r.budgetKb) over.push(`${r.name}: ${r.jsKb.toFixed(1)} KB > ${r.budgetKb} KB`);
    }
    if (over.length) {
      throw new Error(`First-load JavaScript over budget (scripts/first-load.mjs): ${over.join('; ')}. ANALYZE=1 npx vite build lists each route's chunks and their largest modules.`);
    }
  },
};

type OutputChunk = { type: string; fileName: string; isEntry?: boolean; moduleIds?: string[]; imports?: string[] };

/**
 * The page's own chunks start loading with the entry instead of after it: React.lazy asks for a page's chunk only once
 * the entry has run and rendered the router, one round trip (and on a slow line, the whole entry download) later. A
 * few lines in index.html look at the address and add modulepreload links for the page's chunks (those the entry does
 * not already load), for the routes of scripts/first-load.mjs (where visitors land). Vite's own loader skips links
 * already present, so nothing loads twice.
 */
/**
 * The first query of the search page and of a work page starts while the HTML is parsed, not after the JavaScript has
 * loaded and run: an inline script in index.html sends it (the page's own operation text, read from its source as the
 * Babel step above inlines it) and keeps the answer's promise in `window.__kepuPreload`; the API client
 * (src/api/preload.ts) answers the page's identical request from it once. Only for a visitor who is not signed in
 * (a signed-in person's requests carry the token) and for the plain search (text and sort; other parameters are
 * filters, which the page asks for itself).
 *
 * A work page and the plain search may come with their answer already (web/WorkPageFirstScreen and
 * web/SearchPageFirstScreen in the service: the same operation with the same variables, asked as an anonymous visitor,
 * embedded in index.html as <script type="application/json" id="kepu-first-answer" data-operation data-path> with the
 * page's first screen rendered as HTML in the boot shell). For a visitor not signed in who reads Chinese, the script
 * then answers the page's request from it (no round trip) when operation and address match, and marks the document
 * `first-screen`, which shows that markup until the page has rendered (src/lib/firstScreen.ts); everyone else gets the
 * plain shell and asks as before. The build writes first-screen.json for the service: the operations' text and the
 * few Chinese words of the markup, so both come from one place.
 */
function operationText(page: string, name: string): string {
  const source = readFileSync(fileURLToPath(new URL(`./src/pages/${page}`, import.meta.url)), 'utf8');
  const match = source.match(new RegExp(`graphql\\(\`(\\s*query ${name}\\b[^\`]*)\`\\)`));
  if (!match) throw new Error(`query ${name} not found in src/pages/${page} (vite.config.ts, query-preload)`);
  return stripIgnoredCharacters(match[1]);
}
const queryPreload = {
  name: 'query-preload',
  apply: 'build' as const,
  generateBundle(this: { emitFile: (file: { type: 'asset'; fileName: string; source: string }) => void }) {
    const zh = JSON.parse(readFileSync(fileURLToPath(new URL('./src/locales/zh-CN.json', import.meta.url)), 'utf8'));
    // The search page's words: its heading, box, count and sort, and the tags of a result card (kind, licence, labels).
    const search = {
      title: zh.search.title, inputLabel: zh.search.inputLabel, placeholder: zh.search.placeholder, button: zh.search.button,
      filters: zh.search.filters, total: zh.search.total, sort: zh.search.sort, sorts: zh.enum.SearchSort,
      kinds: zh.enum.WorkKind, licences: zh.enum.Licence, ai: zh.library.ai.yes, aiTooltip: zh.library.ai.tooltip,
      audiences: zh.library.audience,
    };
    this.emitFile({
      type: 'asset',
      fileName: 'first-screen.json',
      source: JSON.stringify({
        operations: { WorkPage: operationText('work/WorkPage.tsx', 'WorkPage'), SearchWorks: operationText('search/SearchPage.tsx', 'SearchWorks') },
        texts: { credit: zh.work.credit, search },
      }),
    });
  },
  transformIndexHtml() {
    const search = JSON.stringify(operationText('search/SearchPage.tsx', 'SearchWorks'));
    const work = JSON.stringify(operationText('work/WorkPage.tsx', 'WorkPage'));
    const script = `(function(){try{if(sessionStorage.getItem('kepu.session'))return}catch(e){return}
var en=false;try{en=localStorage.getItem('kepu.lang')==='en-US'}catch(e){}
var p=location.pathname,s=new URLSearchParams(location.search),op=null,m,first=document.getElementById('kepu-first-answer');
if(p==='/'){var plain=true;s.forEach(function(v,k){if(k!=='q'&&k!=='sort')plain=false});
if(plain)op=['SearchWorks',${search},{query:s.get('q')||null,filter:{},first:24,after:null,sort:s.get('sort')||'RELEVANCE'}]}
else if((m=p.match(/^\\/works\\/([^/]+)$/)))op=['WorkPage',${work},{id:decodeURIComponent(m[1])}];
if(!op)return;
if(first&&!en&&first.getAttribute('data-operation')===op[0]&&first.getAttribute('data-path')===p){document.documentElement.classList.add('first-screen');
window.__kepuPreload={operationName:op[0],variables:op[2],answer:Promise.resolve(first.textContent)};return}
window.__kepuPreload={operationName:op[0],variables:op[2],answer:fetch('/graphql',{method:'POST',headers:{'content-type':'application/json','accept-language':en?'en':'zh-CN'},body:JSON.stringify({operationName:op[0],query:op[1],variables:op[2]})}).then(function(r){return r.ok?r.text():null},function(){return null})}})()`;
    return [{ tag: 'script', children: script, injectTo: 'head' as const }];
  },
};

/**
 * The application's JavaScript runs after the browser has painted the boot shell (index.html: header, spinner,
 * footer). From a fast server the scripts arrive before the first frame, and Chromium then ran them (parse, React's
 * first render) before painting anything: the first paint waited for the JavaScript (Lighthouse, first screen: first
 * paint at 2.3 s with the page loaded at 0.3 s). So the entry is imported only once a paint has been recorded
 * (PerformanceObserver `paint`, which reports after the frame is presented; a requestAnimationFrame callback still
 * runs before it). A timer starts it anyway when no frame comes (a tab opened in the background). The modules are
 * preloaded (modulepreload: the entry, its static imports and the route's chunks from route-preload) at once.
 *
 * A page that came with its first screen from the service (the class `first-screen`, set by query-preload's script
 * before this one runs: a work page, the plain search) is complete and usable without the application: its links are
 * plain links, its search box a plain GET form. There the application starts on the visitor's first intent (pointer
 * moved or pressed, touch, a key, focus, scroll or wheel) or, without any, once the page has loaded and then been
 * left alone for IDLE_START_MS (and the browser is idle, at most IDLE_START_MAX_MS more). Evaluating React, antd and
 * the page and rendering it took 0.75–1.2 s of main thread under Lighthouse's 4× CPU slowdown, all of it blocking
 * time right after the first paint; now it runs when the visitor comes to use the page. Its files are fetched
 * (prefetch, into the HTTP cache, without compiling them) once the page has loaded, so the first intent pays their
 * evaluation, not their download.
 *
 * Until then this script makes the shell's few controls work as plain HTML would: the search box's clear button
 * clears it, a sort option loads that sort, "EN" reloads the page in English (whose readers get the plain page), the
 * sign-in link carries the page to return to. It notes in `window.__kepuBoot` what the application must take over
 * (src/lib/firstScreen.ts): a press still in progress (the swap waits for its click), a press on the work's preview,
 * the search page's "filters" link (whose facets only the application shows).
 * Text typed into the search box is read from the box itself when the application takes over.
 *
 * `window.__kepuStartAtOnce = true` before this script (a test's init script) starts the application as on any other
 * page; `window.__kepuStart()` starts it now.
 */
const IDLE_START_MS = 5000;
const IDLE_START_MAX_MS = 3000;
const entryAfterFirstPaint = {
  name: 'entry-after-first-paint',
  apply: 'build' as const,
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string) {
      const tag = html.match(/<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/);
      if (!tag) throw new Error('entry script not found in index.html (vite.config.ts, entry-after-first-paint)');
      const preloads = [tag[1]];
      const withoutPreloads = html.replace(tag[0], '').replace(/\s*<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)">/g, (_m, href: string) => {
        preloads.push(href);
        return '';
      });
      const script = `(function(){var d=document,w=window,fs=d.documentElement.classList.contains('first-screen')&&!w.__kepuStartAtOnce,started=false,linked={};
function link(rel){${JSON.stringify(preloads)}.concat(w.__kepuRoutePreload||[]).forEach(function(h){if(linked[rel+h])return;linked[rel+h]=1;var l=d.createElement('link');l.rel=rel;l.crossOrigin='';l.href=h;d.head.appendChild(l)})}
var intents=['pointermove','pointerdown','touchstart','keydown','focusin','scroll','wheel'];
function start(){if(started)return;started=true;intents.forEach(function(e){w.removeEventListener(e,start,true)});link('modulepreload');import(${JSON.stringify(tag[1])})}
w.__kepuStart=start;
if(!fs){link('modulepreload');
try{new PerformanceObserver(function(l,o){o.disconnect();setTimeout(start,0)}).observe({type:'paint',buffered:true})}catch(e){requestAnimationFrame(function(){setTimeout(start,0)})}
setTimeout(start,300);return}
intents.forEach(function(e){w.addEventListener(e,start,{capture:true,passive:true})});
w.addEventListener('load',function(){link('prefetch');setTimeout(function(){if(w.requestIdleCallback)requestIdleCallback(start,{timeout:${IDLE_START_MAX_MS}});else start()},${IDLE_START_MS})});
var b=w.__kepuBoot=w.__kepuBoot||{};
function inBoot(t,sel){var e=t&&t.closest?t.closest(sel):null;return e&&e.closest('#boot')?e:null}
function endPress(){if(!b.press)return;b.press=false;var f=b.afterPress;b.afterPress=null;if(f)f()}
d.addEventListener('pointerdown',function(e){if(inBoot(e.target,'main')){b.press=true;setTimeout(endPress,3000)}},true);
d.addEventListener('pointerup',function(){setTimeout(endPress,300)},true);
d.addEventListener('pointercancel',function(){setTimeout(endPress,0)},true);
d.addEventListener('click',function(e){var t=e.target,x;setTimeout(endPress,0);
if((x=inBoot(t,'.zoom-image')))b.preview=true;
else if((x=inBoot(t,'a.facets-jump')))b.jump=true;
else if((x=inBoot(t,'.ant-input-clear-icon'))){var q=x.closest('form').querySelector('input[name=q]');q.value='';x.classList.add('ant-input-clear-icon-hidden');q.focus()}
else if((x=inBoot(t,'.ant-segmented-item'))){var r=x.querySelector('input');if(r&&r.value&&!r.checked){var s=new URLSearchParams(location.search);s.set('sort',r.value);location.assign('/?'+s)}}
else if((x=inBoot(t,'.app-user .ant-btn'))){try{localStorage.setItem('kepu.lang','en-US')}catch(err){}location.reload()}
else if((x=inBoot(t,'a.app-signin')))x.href='/signin?returnTo='+encodeURIComponent(location.pathname+location.search)});
d.addEventListener('input',function(e){var t=e.target;if(inBoot(t,'input[name=q]')){var c=t.closest('form').querySelector('.ant-input-clear-icon');if(c)c.classList.toggle('ant-input-clear-icon-hidden',!t.value)}},true)})()`;
      if (!withoutPreloads.includes('</head>')) throw new Error('</head> not found in index.html (vite.config.ts, entry-after-first-paint)');
      return withoutPreloads.replace('</head>', `  <script>${script}</script>\n  </head>`);
    },
  },
};

const routePreload = {
  name: 'route-preload',
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { bundle?: Record<string, OutputChunk> }) {
      if (!ctx.bundle) return html;
      const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
      const closure = (start: OutputChunk[], seen = new Set<string>()) => {
        for (const c of start) {
          if (seen.has(c.fileName)) continue;
          seen.add(c.fileName);
          closure((c.imports ?? []).map((f) => ctx.bundle![f]).filter(Boolean), seen);
        }
        return seen;
      };
      const entry = closure(chunks.filter((c) => c.isEntry));
      const chunkOf = (module: string) => chunks.find((c) => c.moduleIds?.some((id) => id.replace(/\\/g, '/').endsWith(`/${module}`)));
      const routes = Object.values(ROUTES).flatMap(({ page, path, via }: { page: string; path: string; via?: string }) => {
        const start = [via, page].flatMap((m) => (m ? [chunkOf(m)] : [])).filter((c): c is OutputChunk => !!c);
        return start.length ? [[path, [...closure(start)].filter((f) => !entry.has(f)).map((f) => `/${f}`)]] : [];
      });
      // The chunks are preloaded by entry-after-first-paint's script (at once, or after the first paint when the page
      // came with its first screen); this one only picks the route's list.
      const script = `(function(){var r=${JSON.stringify(routes)},p=location.pathname;for(var i=0;i<r.length;i++)if(new RegExp(r[i][0]).test(p)){window.__kepuRoutePreload=r[i][1];break}})()`;
      return [{ tag: 'script', children: script, injectTo: 'head' as const }];
    },
  },
};

export default defineConfig({
  plugins: [
    react({
      babel: {
        plugins: [inlineOperations, [babelOptimizerPlugin, { artifactDirectory: fileURLToPath(new URL('./src/gql', import.meta.url)), gqlTagName: 'graphql' }]],
      },
    }),
    localeSections,
    antdFormContext,
    lazyAntdParts,
    antdStaticStyles,
    routePreload,
    queryPreload,
    entryAfterFirstPaint,
    analyze,
    firstLoadBudget,
  ],
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
    // A component test's first render imports antd (seconds); on the shared 2-core machine under load it has taken
    // 28 s, beyond the default 5 s.
    testTimeout: 60_000,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
