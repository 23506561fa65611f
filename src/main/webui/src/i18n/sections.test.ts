import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import publicZh from '../locales/zh-CN.json?public';
import workspaceZh from '../locales/zh-CN.json?workspace';
import { PUBLIC_SECTIONS, pickSections, type Messages } from './sections';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every module a public page can run: from main.tsx along relative imports, static and dynamic, but not into
 * WorkspaceRoutes (whose modules get the workspaces' texts with it).
 */
function publicModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      if (/WorkspaceRoutes$/.test(m[1]) || /\.(json|css)(\?.*)?$/.test(m[1])) continue;
      const base = join(dirname(file), m[1]);
      const found = ['.tsx', '.ts', '/index.ts', '/index.tsx'].map((ext) => base + ext).find(existsSync);
      if (found) visit(found);
    }
  };
  visit(join(SRC, 'main.tsx'));
  return [...seen].map((f) => relative(SRC, f));
}

const has = (messages: Messages, path: string[]): boolean => {
  let node: string | Messages | undefined = messages;
  for (const k of path) node = typeof node === 'object' ? node[k] : undefined;
  return node !== undefined;
};

describe('message sections: the first load carries the public pages\' texts, the workspaces theirs', () => {
  it('reaches the public pages and stops before the workspaces', () => {
    const modules = publicModules();
    expect(modules).toEqual(expect.arrayContaining(['pages/search/SearchPage.tsx', 'pages/work/WorkPage.tsx', 'pages/awards/AwardsPage.tsx', 'components/AppLayout.tsx']));
    expect(modules.filter((m) => /pages\/(entrant|judge|moderation|organizer|outlet|library)\//.test(m))).toEqual([]);
  });

  it('names, in the code a public page runs, only keys of the public sections', () => {
    const sections = Object.keys(zhCN);
    const outside: string[] = [];
    for (const module of publicModules()) {
      const code = readFileSync(join(SRC, module), 'utf8');
      for (const m of code.matchAll(/['`]([a-zA-Z]+)\.([a-zA-Z][\w.]*)/g)) {
        if (!sections.includes(m[1])) continue;
        const key = `${m[1]}.${m[2]}`.replace(/\.$/, '');
        if (!PUBLIC_SECTIONS.some((p) => key === p || key.startsWith(`${p}.`) || p.startsWith(`${key}.`))) outside.push(`${module}: ${key}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('cuts each file into two parts that together are the whole', () => {
    for (const messages of [zhCN, enUS] as Messages[]) {
      const pub = pickSections(messages, 'public');
      const ws = pickSections(messages, 'workspace');
      for (const p of PUBLIC_SECTIONS) {
        expect(has(pub, p.split('.'))).toBe(true);
        expect(has(ws, p.split('.'))).toBe(false);
      }
      const merge = (a: Messages, b: Messages): Messages => Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => {
        const x = a[k];
        const y = b[k];
        return [k, typeof x === 'object' && typeof y === 'object' ? merge(x, y) : (x ?? y)];
      }));
      expect(merge(pub, ws)).toEqual(messages);
    }
  });

  it('is what the build imports (plugin locale-sections)', () => {
    expect(publicZh).toEqual(pickSections(zhCN as Messages, 'public'));
    expect(workspaceZh).toEqual(pickSections(zhCN as Messages, 'workspace'));
    expect(Object.keys(workspaceZh)).toEqual(expect.arrayContaining(['judge', 'moderation', 'organizer', 'staff', 'upload']));
  });
});
