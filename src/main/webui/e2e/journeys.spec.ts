import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { choose, gql, mp4, png, registerAccount, screenshot, signIn, SHOTS } from './fixtures';

/**
 * One journey per role, in the order the work flows through the service: a teacher enters a video (the connection
 * drops halfway through the upload and the upload resumes), a moderator approves it while the teacher watches the
 * status change live, the organiser forms the panel and auto-assigns, a judge scores it blind, the organiser awards
 * it, a moderator approves the award for publication, the windows close and the organiser publishes the results, the
 * award appears publicly, and a reporter finds the work by 量子 and downloads it under its licence.
 */
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const TITLE = `量子纠缠入门短视频 ${run}`;
const CREATOR = `张老师${run}`;
const SCHOOL = `实验中学${run}`;
const PART = 5 * 1024 * 1024; // the test profile's multipart part size
let contestId = '';

/** Without the JUnit test's clip (running `npx playwright test` by hand): an MP4 the verification accepts, 2.4 parts. */
function syntheticVideo(): string {
  const path = join(SHOTS, '..', 'quantum.mp4');
  writeFileSync(path, mp4(1280, 720, 30, 25, Math.round(2.4 * PART)));
  return path;
}

const contexts: BrowserContext[] = [];

/**
 * The journeys use the application as soon as a page has painted: a page that came with its first screen from the
 * service would otherwise start it only on the first input or after a few idle seconds (index.html, vite.config.ts
 * `entry-after-first-paint`), which the journey's waits would cover but slowly. The deferred start has its own test.
 */
async function startAtOnce(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => { (window as unknown as { __kepuStartAtOnce: boolean }).__kepuStartAtOnce = true; });
}

/** A new browser (its own session storage: one person), signed in when a login is given; closed after the test. */
async function newPage(browser: Browser, login?: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await startAtOnce(context);
  const page = await context.newPage();
  // The browser's own errors go to the log (target/playwright.log) next to the step that failed.
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[${login ?? 'visitor'} console] ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`[${login ?? 'visitor'} page error] ${e.message}`));
  if (login) await signIn(page, login);
  return page;
}

test.beforeAll(async ({ request }) => {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const data = await gql<{ createContest: { id: string } }>(request, 'organizer1', `
    mutation($input: ContestInput!) { createContest(input: $input) { id } }`, {
    input: {
      year: 2026, title: `网页端测试征集 ${run}`, theme: '量子科技进校园', description: '浏览器端到端测试',
      schedule: { submissionOpensAt: iso(now - 3600_000), submissionClosesAt: iso(now + 86_400_000), judgingOpensAt: iso(now - 3600_000), judgingClosesAt: iso(now + 2 * 86_400_000) },
      categories: [{ code: 'VIDEO', name: '科普短视频', acceptedKinds: ['SHORT_VIDEO'], mimeTypes: ['video/mp4'] }],
      rubric: [{ code: 'SCI', name: '科学性', scaleMax: 10, weight: 2 }, { code: 'ART', name: '艺术性', scaleMax: 10, weight: 1 }],
      rounds: [{ name: '初评', judgesPerEntry: 1 }],
    },
  });
  contestId = data.createContest.id;
});

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

test('teacher creates a work, uploads a video through a dropped connection, and submits it', async ({ browser, request }) => {
  const page = await newPage(browser, 'entrant1');
  await expect(page).toHaveURL(/\/me\/works/);
  await screenshot(page, 'entrant-my-works');
  await page.getByTestId('new-work').click();
  await page.locator('#title').fill(TITLE);
  await choose(page, 'kind', '科普短视频');
  await page.locator('#description').fill('用三分钟讲清量子纠缠：两个粒子如何“心有灵犀”。');
  await choose(page, 'topics', '量子科技');
  await page.keyboard.press('Escape');
  await page.locator('#creators_0_name').fill(CREATOR);
  await page.locator('#creators_0_affiliation').fill(SCHOOL);
  await screenshot(page, 'entrant-new-work');
  await page.getByTestId('work-save').click();
  await expect(page).toHaveURL(/\/me\/works\/[0-9a-f-]{36}$/);

  // Cut the connection when the second part starts: the first part is stored, the rest must resume.
  const partPuts: string[] = [];
  let cut = false;
  await page.route((url) => url.searchParams.has('partNumber'), async (route) => {
    const part = new URL(route.request().url()).searchParams.get('partNumber')!;
    if (part === '2' && !cut) {
      cut = true;
      await page.context().setOffline(true);
      await route.abort('internetdisconnected');
      return;
    }
    partPuts.push(part);
    await route.continue();
  });
  // The ETag each part's PUT was answered with, as the page can read it (the store's CORS exposes ETag), and what the
  // page then sends to completeUpload: every part with that ETag, in order, so the service does not list the parts.
  const putEtags = new Map<string, string>();
  page.on('response', (r) => {
    const part = new URL(r.url()).searchParams.get('partNumber');
    if (part && r.request().method() === 'PUT' && r.ok()) putEtags.set(part, r.headers()['etag']);
  });
  const completions: { id: string; parts?: { partNumber: number; etag: string }[] }[] = [];
  page.on('request', (r) => {
    const body = r.url().endsWith('/graphql') && r.method() === 'POST' ? r.postDataJSON() : null;
    if (body?.operationName === 'CompleteUpload') completions.push(body.variables);
  });
  // A real clip (made by the JUnit test with the service's ffmpeg) so renditions exist; else a synthetic MP4. Handed
  // over as a path: the local browser reads the file itself (a 12 MB buffer through the protocol is slow under load).
  const video = process.env.JOURNEY_VIDEO ?? syntheticVideo();
  expect(statSync(video).size).toBeGreaterThan(2 * PART);
  await page.getByTestId('file-input').setInputFiles(video);
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-phase', 'offline');
  await screenshot(page, 'entrant-upload-offline');
  await page.context().setOffline(false);
  await expect(page.getByTestId('upload-verified')).toBeVisible({ timeout: 60_000 });
  expect(cut).toBe(true);
  expect(partPuts.filter((p) => p === '1')).toHaveLength(1); // resumed: the stored part was not sent again
  expect(partPuts).toContain('3');
  expect(completions).toHaveLength(1);
  expect(completions[0].parts).toEqual(['1', '2', '3'].map((n) => ({ partNumber: Number(n), etag: putEtags.get(n) })));
  expect([...putEtags.values()].filter(Boolean)).toHaveLength(3); // read from the PUTs' answers: CORS exposes ETag
  // The work's file is verified on the service's side too: the work has it among its media.
  const workId = new URL(page.url()).pathname.split('/').pop()!;
  const { work } = await gql<{ work: { hasFiles: boolean; media: { mimeType: string }[] } }>(request, 'entrant1',
    'query($id: ID!) { work(id: $id) { hasFiles media { mimeType } } }', { id: workId });
  expect(work.hasFiles).toBe(true);
  expect(work.media.map((m) => m.mimeType)).toEqual(['video/mp4']);
  await screenshot(page, 'entrant-upload-verified');

  await choose(page, 'submit-contest', `网页端测试征集 ${run}`);
  await expect(page.getByTestId('submit-entry')).toBeDisabled();
  for (const d of ['ORIGINALITY', 'CONSENT_OF_PEOPLE_SHOWN', 'MEDIA_LICENCE_GRANT']) await page.getByTestId(`declare-${d}`).check();
  await screenshot(page, 'entrant-submit');
  await page.getByTestId('submit-entry').click();
  await expect(page).toHaveURL(/\/me\/submissions/);
  await expect(page.getByRole('row', { name: new RegExp(TITLE) }).getByTestId('submission-status')).toHaveText('审核中');
  await screenshot(page, 'entrant-submissions');
});

test('moderator approves the entry and the teacher sees the status change live', async ({ browser }) => {
  const teacher = await newPage(browser, 'entrant1');
  await teacher.goto('/me/submissions');
  const status = teacher.getByRole('row', { name: new RegExp(TITLE) }).getByTestId('submission-status');
  await expect(status).toHaveText('审核中');

  const page = await newPage(browser, 'moderator1');
  await expect(page).toHaveURL(/\/moderation/);
  await choose(page, 'mod-contest', `网页端测试征集 ${run}`);
  const item = page.locator('.ant-list-item', { hasText: TITLE });
  await expect(item).toBeVisible();
  await screenshot(page, 'moderator-queue');
  await item.getByTestId('moderation-approve').click();
  await expect(page.locator('.ant-list-item', { hasText: TITLE })).toHaveCount(0);

  await expect(status).toHaveText('已受理', { timeout: 20_000 }); // pushed over graphql-ws, no reload
  await screenshot(teacher, 'entrant-status-live');
});

test('organiser forms the panel, sees it, and auto-assigns with the plan shown', async ({ browser, request }) => {
  const judge = await gql<{ me: { id: string; displayName: string } }>(request, 'judge1', '{ me { id displayName } }');
  const page = await newPage(browser, 'organizer1');
  await page.goto(`/organizer/contests/${contestId}`);
  await screenshot(page, 'organizer-contest');
  await page.getByRole('tab', { name: '评委组' }).click();
  const panel = page.getByTestId('panel-table');
  await expect(panel).toContainText('尚未设置评委组');
  await page.locator('#panel_judgeId').fill(judge.me.id);
  await page.keyboard.press('Escape'); // closes the picker's suggestions; the id stays
  await page.getByTestId('panel-add').click();
  await expect(page.getByText('已加入评委组')).toBeVisible();
  // The panel as the service now holds it: the judge by name, every category, no load cap.
  const seat = panel.getByRole('row', { name: new RegExp(judge.me.displayName) });
  await expect(seat).toContainText('全部类别');
  await expect(seat).toContainText('不限');
  await screenshot(page, 'organizer-panel');
  await page.getByRole('tab', { name: '分配' }).click();
  await page.getByTestId('auto-assign').click();
  const plan = page.getByTestId('assign-plan');
  await expect(plan).toContainText('新增分配');
  await expect(plan.locator('td').first()).toHaveText('1');
  await screenshot(page, 'organizer-assign-plan');
  await page.getByRole('tab', { name: '审计日志' }).click();
  const audit = page.getByTestId('contest-audit');
  await expect(audit.getByTestId('audit-action').filter({ hasText: '自动分配' })).toBeVisible();
  await expect(audit.getByTestId('audit-action').filter({ hasText: '设置评委组' })).toBeVisible();
  await screenshot(page, 'organizer-audit');
});

test('judge scores blind with the preview beside the rubric, by keyboard', async ({ browser }) => {
  const page = await newPage(browser, 'judge1');
  await expect(page).toHaveURL(/\/judge$/);
  await screenshot(page, 'judge-assignments');
  await page.getByTestId('judge-contest').filter({ hasText: run }).click();
  await expect(page.getByTestId('judge-entry')).toContainText(TITLE);
  await expect(page.getByTestId('judge-preview')).toBeVisible();
  const body = await page.locator('body').innerText();
  for (const identity of [CREATOR, SCHOOL, '林晓雨', '中国科学技术大学', 'entrant1', '张三', 'quantum.mp4']) expect(body).not.toContain(identity);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('8');
  await page.keyboard.press('7');
  await expect(page.getByTestId('judge-total')).toHaveText('76.7');
  await page.keyboard.press('s');
  await expect(page.getByTestId('judge-revision')).toContainText('第 1 版');
  await screenshot(page, 'judge-blind-entry');
});

test('organiser awards; the award passes publication review; after judging closes the organiser publishes and the award is public', async ({ browser, request }) => {
  const page = await newPage(browser, 'organizer1');
  await page.goto(`/organizer/contests/${contestId}`);
  await page.getByRole('tab', { name: '结果与奖项' }).click();
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('76.7');
  await row.locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '一等奖' }).click();
  await expect(row).toContainText('一等奖');
  await screenshot(page, 'organizer-results');

  // An award goes public only after a moderator has reviewed the work for publication (stage PUBLICATION).
  const moderator = await newPage(browser, 'moderator1');
  await moderator.goto('/moderation');
  await choose(moderator, 'mod-contest', `网页端测试征集 ${run}`);
  await moderator.getByText('发布审核').click();
  const item = moderator.locator('.ant-list-item', { hasText: TITLE });
  await expect(item).toBeVisible();
  await screenshot(moderator, 'moderator-publication-review');
  await item.getByTestId('moderation-approve').click();
  await expect(moderator.locator('.ant-list-item', { hasText: TITLE })).toHaveCount(0);

  // Time passes: submissions and judging close (results may be published only then; the service's clock decides).
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  await gql(request, 'organizer1', `
    mutation($id: ID!, $schedule: ContestScheduleInput!) { rescheduleContest(id: $id, schedule: $schedule) { id } }`, {
    id: contestId,
    schedule: { submissionOpensAt: iso(now - 7200_000), submissionClosesAt: iso(now - 1000), judgingOpensAt: iso(now - 3600_000), judgingClosesAt: iso(now - 1000) },
  });

  await page.getByRole('tab', { name: '公布结果' }).click();
  await page.getByTestId('publish-results').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('结果已公布。')).toBeVisible();
  await screenshot(page, 'organizer-published');

  const visitor = await newPage(browser);
  await visitor.goto(`/awards/${contestId}`);
  await expect(visitor.getByRole('region', { name: '一等奖' })).toContainText(TITLE);
  await screenshot(visitor, 'public-awards');
});

test('reporter searches 量子, opens the work and downloads it under its licence', async ({ browser }) => {
  const page = await newPage(browser, 'media1');
  await page.goto('/');
  await page.getByTestId('search-input').fill('量子');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=%E9%87%8F%E5%AD%90/);
  const hit = page.getByTestId('search-hit').filter({ hasText: run });
  await expect(hit).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.hl em').first()).toHaveText('量子');
  await screenshot(page, 'reporter-search');
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByTestId('credit-line')).toContainText(CREATOR);
  await page.getByTestId('download-original').click();
  await expect(page.getByTestId('licence-ok')).toBeDisabled();
  await page.getByTestId('licence-accept').check();
  await screenshot(page, 'reporter-licence');
  const download = page.waitForEvent('download');
  await page.getByTestId('licence-ok').click();
  expect((await download).suggestedFilename()).toMatch(/\.mp4$/);
  await screenshot(page, 'reporter-work');
});

/**
 * What Lighthouse found on a phone, checked in the browser so that it cannot come back unnoticed: the search results
 * must not move once shown (cumulative layout shift from a PerformanceObserver, as Chromium reports it: the facets used
 * to render above the results when the answer came, 0.15), the search box's clear button must be a 24 × 24 px touch
 * target, and secondary text on the work page must have a contrast of at least 4.5:1 (WCAG AA) with what is behind it.
 */
test('a visitor on a phone: results stay put, touch targets and contrast hold', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  contexts.push(context);
  await startAtOnce(context);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        w.__shifts.push(`${e.value.toFixed(3)} ${(e.sources ?? []).map((s) => (s.node as Element | undefined)?.className ?? s.node?.nodeName).join(',')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/?q=%E9%87%8F%E5%AD%90');
  const hit = page.getByTestId('search-hit').filter({ hasText: run });
  await expect(hit).toBeVisible();
  await expect(page.locator('#search-facets .ant-card').first()).toBeVisible();
  // Every thumbnail in view loaded (an image without a reserved box would shift what follows it); those further down
  // load lazily, when scrolled to.
  await expect.poll(() => page.locator('img.thumb').evaluateAll((imgs) => imgs
    .filter((i) => i.getBoundingClientRect().top < window.innerHeight)
    .every((i) => (i as HTMLImageElement).complete))).toBe(true);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { cls, shifts } = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    return { cls: w.__cls, shifts: w.__shifts };
  });
  expect(cls, `layout shifts: ${shifts.join('; ')}`).toBeLessThan(0.05);
  // On a phone the facets come after the results, not above them.
  const resultsTop = (await page.locator('.search-results').boundingBox())!.y;
  expect((await page.locator('#search-facets').boundingBox())!.y).toBeGreaterThan(resultsTop);

  const clear = page.locator('.ant-input-clear-icon');
  await expect(clear).toBeVisible();
  const box = (await clear.boundingBox())!;
  expect(Math.min(box.width, box.height), 'clear button touch target (px)').toBeGreaterThanOrEqual(24);
  await clear.tap();
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await screenshot(page, 'phone-search');

  await page.goto((await hit.getAttribute('href')) ?? '/');
  await expect(page.getByTestId('credit-line')).toBeVisible();
  const secondary = page.locator('main .ant-typography-secondary, main .muted');
  expect(await secondary.count()).toBeGreaterThan(0);
  const ratios = await secondary.evaluateAll((els) => {
    const rgba = (c: string) => { const m = c.match(/[\d.]+/g)!.map(Number); return [m[0], m[1], m[2], m[3] ?? 1]; };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    return els.map((el) => {
      let bg = [255, 255, 255, 1];
      for (let n: Element | null = el; n; n = n.parentElement) {
        const c = rgba(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) { bg = c; break; }
      }
      const fg = rgba(getComputedStyle(el).color);
      const mixed = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
      const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
      return { text: (el.textContent ?? '').slice(0, 30), ratio: (a + 0.05) / (b + 0.05) };
    });
  });
  for (const r of ratios) expect(r.ratio, `contrast of “${r.text}”`).toBeGreaterThanOrEqual(4.5);
  // The licence link within its line of text is underlined (its colour alone is too close to the text's).
  await expect(page.locator('main a.text-link').first()).toHaveCSS('text-decoration-line', 'underline');
  await screenshot(page, 'phone-work');
});

/**
 * A page that came with its first screen starts the application only on the visitor's first intent or after a few
 * idle seconds (index.html, vite.config.ts `entry-after-first-paint`). Until then the service's markup is the page:
 * its links navigate as plain links; text typed into its search box carries into the application's box with focus and
 * caret when the application takes over; without any input the application still starts by itself.
 */
test('a visitor before the application has started: plain links, typed text kept, start on intent and when idle', async ({ browser }) => {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  // The application's own requests for its scripts (not the prefetch after the load, which carries Sec-Purpose).
  const started: string[] = [];
  page.on('request', (r) => { if (/\/assets\/.*\.js$/.test(r.url()) && !r.headers()['sec-purpose']) started.push(r.url()); });
  const prefetched: string[] = [];
  page.on('request', (r) => { if (/\/assets\/.*\.js$/.test(r.url()) && r.headers()['sec-purpose']) prefetched.push(r.url()); });
  // Held scripts: whatever the visitor does happens before the application can take over.
  let release = () => {};
  const held = new Promise<void>((r) => { release = r; });
  await page.route(/\/assets\/.*\.js$/, async (route) => { await held; await route.continue(); });

  // The work's whole title: it is the first result (the service's page shows the first 8).
  const search = `/?q=${encodeURIComponent(TITLE)}`;
  await page.goto(search);
  await expect(page.locator('html')).toHaveClass(/first-screen/);
  const bootHit = page.locator('#boot main.first-screen a[href^="/works/"]').filter({ hasText: run });
  await expect(bootHit).toBeVisible();
  await expect.poll(() => prefetched.length, 'the scripts are prefetched once the page has loaded').toBeGreaterThan(0);
  expect(started, 'no script of the application requested before any input').toEqual([]);

  prefetched.length = 0;
  // A click on a result of the service's page navigates as a plain link (the work page comes with its first screen).
  await bootHit.click();
  await expect(page).toHaveURL(/\/works\//);
  await expect(page.locator('#boot main.first-screen h1')).toHaveText(TITLE);
  await page.goto(search);
  await expect(page.locator('#boot main.first-screen input[name="q"]')).toBeVisible();
  await expect.poll(() => prefetched.length).toBeGreaterThan(0);
  started.length = 0;

  // Typing into the service's search box (focus is an intent: the application starts, its scripts are held).
  const box = page.locator('#boot main.first-screen input[name="q"]');
  await box.click();
  await page.keyboard.press('End');
  await page.keyboard.type('纠缠');
  await page.keyboard.press('ArrowLeft');
  await expect(box).toHaveValue(`${TITLE}纠缠`);
  await expect.poll(() => started.length, 'the first input starts the application').toBeGreaterThan(0);
  release();
  const input = page.getByTestId('search-input');
  await expect(input).toHaveValue(`${TITLE}纠缠`);
  await expect(input).toBeFocused();
  expect(await input.evaluate((e: HTMLInputElement) => [e.selectionStart, e.selectionEnd])).toEqual([TITLE.length + 1, TITLE.length + 1]);
  await expect(page.locator('#boot main.first-screen')).toHaveCount(0);
  await page.keyboard.type('态');
  await expect(input).toHaveValue(`${TITLE}纠态缠`);
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(`${TITLE}纠态缠`);

  // Without any input: the application starts by itself once the page has loaded and been idle for a few seconds.
  const idle = await context.newPage();
  await idle.goto(search);
  await expect(idle.locator('html')).toHaveClass(/first-screen/);
  await expect(idle.getByTestId('search-hit').filter({ hasText: run })).toBeVisible({ timeout: 30_000 });
  await expect(idle.locator('html')).not.toHaveClass(/first-screen/);
  await expect(idle.locator('#boot main.first-screen')).toHaveCount(0);
});

test('organiser runs the staff screens: works, accounts and roles, brands with an uploaded logo', async ({ browser, request }) => {
  const page = await newPage(browser, 'organizer1');

  // Works: the published entry found by its title, with its status; its publication log on demand.
  await page.goto('/organizer/works');
  await page.getByLabel('按标题、标签搜索').fill(TITLE);
  await page.keyboard.press('Enter');
  const work = page.getByRole('row', { name: new RegExp(TITLE) });
  await expect(work.getByTestId('admin-work-status')).toHaveText('已发布');
  await screenshot(page, 'organizer-works');

  // Accounts and roles: a newly registered outlet editor is found by organisation and given the MEDIA role; the
  // grant log names it in words.
  const editor = `记者${run}`;
  const accountId = await registerAccount(request, `journey-editor-${run}`, 'ENTRANT', { displayName: editor, organizationType: 'MEDIA_OUTLET', region: 'BEIJING', organization: `科技日报${run}` });
  await page.goto('/organizer/accounts');
  await page.getByLabel('姓名、单位或邮箱').fill(`科技日报${run}`);
  const account = page.getByRole('row', { name: new RegExp(editor) });
  await expect(account).toContainText('投稿人');
  await account.getByTestId('grant-MEDIA').click();
  await expect(account.getByRole('button', { name: '收回媒体' })).toBeVisible();
  await screenshot(page, 'organizer-accounts');
  await page.getByRole('tab', { name: '授权记录' }).click();
  const log = page.getByTestId('grant-log');
  const grant = log.getByRole('row', { name: new RegExp(accountId) });
  await expect(grant.getByTestId('audit-action')).toHaveText('授予角色');
  await expect(grant).toContainText('媒体');
  await screenshot(page, 'organizer-grant-log');

  // Brands: a new series with a logo uploaded from this computer; the list shows the logo once its thumbnail is made,
  // and editing the brand later keeps it.
  const brand = `量子科普课堂${run}`;
  const logo = join(SHOTS, '..', 'logo.png');
  writeFileSync(logo, png(1000, 1000)); // images need a short side of 1000 px (media.images.min-short-side)
  await page.goto('/organizer/brands');
  await page.getByTestId('brand-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称', { exact: true }).fill(brand);
  await dialog.getByLabel('所属单位').fill('中国科学技术协会');
  await dialog.locator('#brand-logo-file').setInputFiles(logo);
  await expect(dialog.getByTestId('upload-verified')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('brand-logo-new')).toBeVisible();
  await screenshot(page, 'organizer-brand-logo');
  await dialog.getByTestId('brand-save').click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(brand) });
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId('brand-row-logo')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  await expect.poll(() => row.getByTestId('brand-row-logo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await row.getByTestId('brand-edit').click();
  await expect(dialog.getByTestId('brand-logo-current')).toBeVisible();
  await dialog.getByLabel('简介', { exact: true }).fill('每周一期的量子科普直播课');
  await dialog.getByTestId('brand-save').click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(row.getByTestId('brand-row-logo')).toBeVisible();
  await screenshot(page, 'organizer-brands');
});

/** Locale keys shown instead of words (a key missing from a locale file shows as itself). */
const RAW_KEY = /\b(?:app|nav|access|error|form|notFound|signin|register|search|work|myWorks|upload|submit|mySubmissions|judge|moderation|collections|awards|outlet|organizer|enum|library|staff|audit)\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\b/;

// The walk over every screen in both languages runs on request (JOURNEY_WALK=1): about two more minutes.
test('every role’s screens, in Chinese and in English: words everywhere, no error shown', async ({ browser, request }) => {
  test.skip(!process.env.JOURNEY_WALK, 'JOURNEY_WALK=1 walks every screen in both languages');
  // A published work's page as a visitor opens it (in Chinese with the service's first screen, web/WorkPageFirstScreen).
  const found = await (await request.post('/graphql', { data: { query: '{ searchWorks(query: "量子", first: 1) { edges { node { id } } } }' } })).json();
  const publicWork = found.data.searchWorks.edges[0].node.id as string;
  const screens: Record<string, string[]> = {
    '': ['/', `/works/${publicWork}`, '/collections', '/awards', '/signin'],
    entrant1: ['/me/works', '/me/works/new', '/me/submissions'],
    judge1: ['/judge'],
    moderator1: ['/moderation'],
    organizer1: ['/organizer/contests', '/organizer/contests/new', `/organizer/contests/${contestId}`, '/organizer/collections',
      '/organizer/works', '/organizer/accounts', '/organizer/brands'],
    media1: ['/', '/collections', '/awards', '/outlet/selection', '/library/saved-searches', '/library/downloads'],
  };
  const problems: string[] = [];
  for (const language of ['zh-CN', 'en-US'] as const) {
    for (const [login, paths] of Object.entries(screens)) {
      const page = await newPage(browser, login || undefined);
      if (language === 'en-US') {
        if (!login) await page.goto('/'); // a visitor's page is still blank (signing in opens one)
        await page.getByRole('button', { name: /Switch to English/ }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
      }
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
        const text = await page.locator('body').innerText();
        const raw = text.match(RAW_KEY);
        if (raw) problems.push(`${language} ${login} ${path}: shows the key ${raw[0]}`);
        const errors = await page.locator('.ant-alert-error').allInnerTexts();
        if (errors.length) problems.push(`${language} ${login} ${path}: shows an error: ${errors.join(' | ')}`);
        // The interface's words only: the signed-in person's own name (e.g. 审核员 李) is theirs, in any language.
        if (language === 'en-US' && /(?:登录|退出|检索|保存|提交|审核|评委组)/.test(await page.locator('header nav, header button, header .app-signin, main h1, main label, main button, main th').allInnerTexts().then((t) => t.join(' ')))) {
          problems.push(`${language} ${login} ${path}: Chinese words in the English interface`);
        }
        await screenshot(page, `walk-${language}-${login || 'visitor'}-${path.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '') || 'search'}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
