// What a visitor pays when the application starts on a page that came with its first screen (run by webui.sh; not
// a test). The application starts on the first intent or after a few idle seconds past the load (vite.config.ts
// `entry-after-first-paint`), so Lighthouse's blocking time no longer contains it; this prints where it went.
// For each page, in Chromium with Lighthouse's mobile CPU slowdown (4×) and a 412 × 823 phone viewport: the main
// thread's long tasks (> 50 ms) from the navigation until the intent (the boot shell's own cost), then, after one
// pointer move: the time until the application has taken the shell's place (the class `first-screen` gone) and the
// long tasks in that time (count, sum, blocking part over 50 ms, longest). Median of RUNS runs.
// Usage: node webui-intent.mjs <base URL> <path>... (Playwright from src/main/webui/node_modules).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../src/main/webui/package.json', import.meta.url)));
const { chromium } = require('@playwright/test');
const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
for (const path of paths) {
  const rows = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: false });
    await context.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(base + path, { waitUntil: 'load' });
    const firstScreen = await page.evaluate(() => document.documentElement.classList.contains('first-screen'));
    // Settle (well within the 5 s idle start), then one intent.
    await page.waitForTimeout(2000);
    await page.evaluate(() => { window.__intent = performance.now(); });
    await page.mouse.move(200, 300);
    // Polled every frame (an observer made by the init script would watch the document before its root exists).
    await page.waitForFunction(() => {
      if (document.documentElement.classList.contains('first-screen')) return false;
      window.__takeover ??= performance.now();
      return true;
    }, null, { polling: 'raf', timeout: 60_000 });
    const r = await page.evaluate(() => {
      const before = window.__tasks.filter(([s]) => s < window.__intent);
      const after = window.__tasks.filter(([s]) => s >= window.__intent && s <= window.__takeover);
      const blocking = (ts) => ts.reduce((n, [, d]) => n + Math.max(0, d - 50), 0);
      return {
        bootBlocking: blocking(before),
        takeover: window.__takeover - window.__intent,
        tasks: after.length,
        busy: after.reduce((n, [, d]) => n + d, 0),
        blocking: blocking(after),
        longest: after.reduce((n, [, d]) => Math.max(n, d), 0),
      };
    });
    rows.push({ firstScreen, ...r });
    await context.close();
  }
  const m = (k) => Math.round(median(rows.map((r) => r[k])));
  console.log(`${path.padEnd(48)} first screen ${rows.every((r) => r.firstScreen) ? 'yes' : 'NO'}  before the intent: blocking ${m('bootBlocking')} ms  `
    + `| after one pointer move: app in place after ${m('takeover')} ms, ${m('tasks')} long tasks, ${m('busy')} ms, blocking ${m('blocking')} ms, longest ${m('longest')} ms  (runs: ${rows.length}; takeover ${rows.map((r) => Math.round(r.takeover)).join('/')})`);
}
await browser.close();
