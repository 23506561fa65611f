import { describe, expect, it } from 'vitest';
import { computeAccess } from '../access';
import { menuItems } from './menu';

const t = (k: string) => k;

describe('organizer menu', () => {
  it('offers works, accounts and brands to organizers only', () => {
    const staff = ['/organizer/works', '/organizer/accounts', '/organizer/brands'];
    expect(menuItems(computeAccess(['ORGANIZER'], true, true), t).map((i) => i.to)).toEqual(expect.arrayContaining(staff));
    for (const role of ['MODERATOR', 'JUDGE', 'MEDIA', 'ENTRANT']) {
      const items = menuItems(computeAccess([role], true, true), t).map((i) => i.to);
      for (const s of staff) expect(items).not.toContain(s);
    }
  });
});
