import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'gql' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('locale files', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });

  it('define every literal key the components use', () => {
    const defined = new Set(keys(zhCN));
    const used = sources(join(__dirname, '..')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]));
    expect(used.filter((k) => !defined.has(k))).toEqual([]);
  });
});
