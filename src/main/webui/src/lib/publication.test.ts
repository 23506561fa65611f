import { describe, expect, it } from 'vitest';
import { publicationState } from './publication';

describe('publicationState', () => {
  const now = new Date('2026-12-02T02:00:00Z');

  it('lets the owner ask for a draft with verified files', () => {
    const s = publicationState('DRAFT', true, [], now);
    expect(s).toMatchObject({ canRequest: true, pending: null, latest: null, needsFiles: false });
  });

  it('asks for files first', () => {
    expect(publicationState('DRAFT', false, [], now)).toMatchObject({ canRequest: false, needsFiles: true });
  });

  it('offers cancelling, not asking, while a request waits', () => {
    const s = publicationState('IN_MODERATION', true, [{ id: 'r2', status: 'PENDING' }, { id: 'r1', status: 'REJECTED' }], now);
    expect(s.pending?.id).toBe('r2');
    expect(s.canRequest).toBe(false);
    expect(s.needsFiles).toBe(false);
  });

  it('lets the owner ask again after a rejection or a cancellation', () => {
    expect(publicationState('REJECTED', true, [{ id: 'r1', status: 'REJECTED' }], now).canRequest).toBe(true);
    expect(publicationState('DRAFT', true, [{ id: 'r1', status: 'CANCELLED' }], now).canRequest).toBe(true);
  });

  it('tells a scheduled approval (release time ahead) from a published one', () => {
    const scheduled = { id: 'r', status: 'APPROVED', releaseAt: '2026-12-03T00:00:00Z', releasedAt: null };
    expect(publicationState('PUBLISHED', true, [scheduled], now).scheduled).toBe(true);
    expect(publicationState('PUBLISHED', true, [{ ...scheduled, releasedAt: '2026-12-03T00:00:01Z' }], now).scheduled).toBe(false);
    expect(publicationState('PUBLISHED', true, [scheduled], new Date('2026-12-04T00:00:00Z')).scheduled).toBe(false);
    expect(publicationState('PUBLISHED', true, [scheduled], now).canRequest).toBe(false);
  });
});
