// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18n, { setLanguage } from '../i18n';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import AuditEventsTable, { type AuditEventRow } from './AuditEventsTable';
import { AUDIT_ACTIONS, nextBefore } from '../lib/audit';
import { loadWorkspaceMessages } from '../i18n/workspace';

// A workspace's component: its texts come with the workspaces' routes (src/i18n/sections.ts).
beforeAll(loadWorkspaceMessages);

beforeAll(() => {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(async () => { cleanup(); await setLanguage('zh-CN'); });

const event = (seq: number, action = 'AUTO_ASSIGNED'): AuditEventRow => ({
  seq: String(seq), at: '2026-12-01T08:00:00Z', actor: 'organizer1', action, entityType: 'Contest', entityId: `c-${seq}`, detail: `detail ${seq}`,
});

describe('nextBefore', () => {
  it('pages older only after a full page, from the last (oldest) event shown', () => {
    expect(nextBefore([event(9), event(8), event(7)], 3)).toBe('7');
    expect(nextBefore([event(9), event(8)], 3)).toBeNull();
    expect(nextBefore([], 50)).toBeNull();
  });
});

// The first antd table render takes seconds, on a loaded 2-core machine up to a minute.
describe('AuditEventsTable', { timeout: 180_000 }, () => {
  it('shows each event with its action in words, the entity with its type, and pages older from the last event', () => {
    const onPage = vi.fn();
    render(<AuditEventsTable events={[event(12), event(11, 'PANEL_SET')]} loading={false} pageSize={2} before={null} onPage={onPage} showEntityType />);
    const actions = screen.getAllByTestId('audit-action');
    expect(actions.map((a) => a.textContent)).toEqual(['自动分配', '设置评委组']);
    expect(actions[0].getAttribute('title')).toBe('AUTO_ASSIGNED');
    expect(screen.getByText('活动 c-12')).toBeTruthy();
    expect(screen.getByText('detail 11')).toBeTruthy();
    expect(screen.queryByText('回到第一页')).toBeNull();
    fireEvent.click(screen.getByTestId('audit-older'));
    expect(onPage).toHaveBeenCalledWith('11');
  });

  it('offers the newest page again once paged, no older page after a short page, and the log’s own column titles', () => {
    const onPage = vi.fn();
    render(<AuditEventsTable events={[event(3, 'ROLE_GRANTED')]} loading={false} pageSize={50} before="4" onPage={onPage}
      entityTitle="账号" detailTitle="角色" renderDetail={(d) => `«${d}»`} />);
    expect(screen.getByText('«detail 3»')).toBeTruthy();
    expect(screen.queryByTestId('audit-older')).toBeNull();
    expect(screen.getByRole('columnheader', { name: '账号' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '角色' })).toBeTruthy();
    expect(screen.getByText('c-3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: i18n.t('search.first') }));
    expect(onPage).toHaveBeenCalledWith(null);
  });

  it('follows the chosen language and keeps an unknown action readable as its code', async () => {
    await setLanguage('en-US');
    render(<AuditEventsTable events={[event(2, 'RESULTS_PUBLISHED'), event(1, 'SOMETHING_NEW')]} loading={false} pageSize={50} before={null} onPage={() => {}} />);
    expect(screen.getAllByTestId('audit-action').map((a) => a.textContent)).toEqual(['Results published', 'SOMETHING_NEW']);
  });

  it('has words for every action in both languages', () => {
    for (const locale of [zhCN, enUS]) {
      const words = (locale as { audit: { action: Record<string, string> } }).audit.action;
      expect(AUDIT_ACTIONS.filter((a) => !words[a])).toEqual([]);
    }
  });
});
