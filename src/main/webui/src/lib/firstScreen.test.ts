import { afterEach, describe, expect, it } from 'vitest';
import { hasFirstScreen, releaseFirstScreen } from './firstScreen';

describe('first screen', () => {
  afterEach(() => { delete (globalThis as { document?: unknown }).document; });

  it('is kept for the search page and a work page only', () => {
    expect(hasFirstScreen('/')).toBe(true);
    expect(hasFirstScreen('/works/0b9f5e0e-8a55-4c4e-9a47-1b2c3d4e5f60')).toBe(true);
    expect(hasFirstScreen('/works/')).toBe(false);
    expect(hasFirstScreen('/works/a/b')).toBe(false);
    expect(hasFirstScreen('/collections')).toBe(false);
    expect(hasFirstScreen('/signin')).toBe(false);
  });

  it('gives way to the page: the class goes and the service’s markup is removed', () => {
    const classes = new Set(['first-screen']);
    let removed = 0;
    const selectors: string[] = [];
    (globalThis as { document?: unknown }).document = {
      documentElement: { classList: { remove: (c: string) => classes.delete(c) } },
      querySelector: (s: string) => { selectors.push(s); return removed ? null : { remove: () => { removed++; } }; },
    };
    releaseFirstScreen();
    releaseFirstScreen();
    expect(classes.has('first-screen')).toBe(false);
    expect(removed).toBe(1);
    expect(selectors).toEqual(['#boot main.first-screen', '#boot main.first-screen']);
  });

  it('does nothing without a document', () => {
    expect(() => releaseFirstScreen()).not.toThrow();
  });
});
