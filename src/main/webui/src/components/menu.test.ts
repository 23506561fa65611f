import { describe, expect, it } from 'vitest';
import { computeAccess } from '../access';
import { menuItems } from './menu';

const t = (k: string) => k;

describe('the outlet menu', () => {
  it('gives media outlets their selection, saved searches and download history, and nobody else', () => {
    const outlet = menuItems(computeAccess(['MEDIA'], true, true), t).map((i) => i.to);
    expect(outlet).toEqual(expect.arrayContaining(['/outlet/selection', '/library/saved-searches', '/library/downloads']));
    for (const role of ['ENTRANT', 'JUDGE', 'MODERATOR', 'ORGANIZER']) {
      const items = menuItems(computeAccess([role], true, true), t).map((i) => i.to);
      expect(items.filter((to) => to.startsWith('/library/'))).toEqual([]);
    }
  });
});
