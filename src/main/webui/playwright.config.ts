import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the real service (BASE_URL, started by the JUnit test WebAppBrowserJourneysTest with its
 * stores). Debian's Chromium, never a downloaded browser. Screenshots go to target/playwright/screenshots.
 */
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  // JOURNEY_GREP=<regular expression> (in the environment of the test command) runs only the journeys whose title
  // matches, e.g. JOURNEY_GREP='uploads a video' for the upload; the journeys are serial, each sets up what it needs.
  grep: process.env.JOURNEY_GREP ? new RegExp(process.env.JOURNEY_GREP) : undefined,
  outputDir: '../../../target/playwright/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous but bounded: the CI machine has 2 cores shared with the service, its stores and the build. Every wait is
  // on a condition (auto-waiting locators, web-first assertions), never a fixed sleep.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://localhost:8080',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    // A failed journey leaves its trace (DOM snapshots, network, console) in target/playwright/results.
    // DOM snapshots and network only: a screencast costs too much CPU on a loaded machine.
    trace: { mode: 'retain-on-failure', snapshots: true, screenshots: false, sources: false },
    launchOptions: {
      executablePath: CHROMIUM,
      // Root, headless, no network beyond the service: the flags LOCAL-STACK.md lists.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
});
