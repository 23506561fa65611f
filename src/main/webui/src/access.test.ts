import { describe, expect, it } from 'vitest';
import { computeAccess, homeFor } from './access';
import { menuItems } from './components/menu';

const t = (k: string) => k;

describe('access', () => {
  it('gives anonymous visitors the public screens only', () => {
    const access = computeAccess([], false, false);
    expect(menuItems(access, t).map((i) => i.to)).toEqual(['/', '/collections', '/awards']);
    expect(access.canDownloadOriginals).toBe(false);
  });

  it('ignores roles without a session (a stale answer never opens a screen)', () => {
    expect(computeAccess(['ORGANIZER'], false, false).canOrganize).toBe(false);
  });

  it('shows each role its own screens and home', () => {
    const judge = computeAccess(['JUDGE'], true, true);
    expect(menuItems(judge, t).map((i) => i.to)).toContain('/judge');
    expect(menuItems(judge, t).map((i) => i.to)).not.toContain('/moderation');
    expect(homeFor(judge)).toBe('/judge');
    const outlet = computeAccess(['MEDIA'], true, true);
    expect(outlet.canDownloadOriginals && outlet.isOutlet).toBe(true);
    expect(homeFor(outlet)).toBe('/');
    expect(homeFor(computeAccess(['ENTRANT', 'ORGANIZER'], true, true))).toBe('/organizer/contests');
    expect(menuItems(computeAccess(['ENTRANT'], true, true), t).map((i) => i.to)).toEqual(
      ['/', '/collections', '/awards', '/me/works', '/me/submissions']);
  });
});
