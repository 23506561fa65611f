import { describe, expect, it } from 'vitest';
import { groupDownloads } from './downloads';

const row = (id: string, workId: string, bulk: string | null, at: string) =>
  ({ id, workId, bulkDownloadId: bulk, licence: 'CC_BY_4_0', downloadedAt: at, work: null });

describe('groupDownloads', () => {
  it('makes one line of a work\'s files in one ZIP and keeps single downloads apart, newest first', () => {
    const rows = groupDownloads([
      row('1', 'w1', 'z1', '2026-12-02T03:00:00Z'),
      row('2', 'w1', 'z1', '2026-12-02T03:00:00Z'),
      row('3', 'w2', 'z1', '2026-12-02T03:00:00Z'),
      row('4', 'w1', null, '2026-12-02T02:00:00Z'),
      row('5', 'w1', null, '2026-12-02T01:00:00Z'),
      row('6', 'w1', 'z0', '2026-12-01T01:00:00Z'),
    ]);
    expect(rows.map((r) => [r.key, r.files])).toEqual([['z1:w1', 2], ['z1:w2', 1], ['4', 1], ['5', 1], ['z0:w1', 1]]);
  });

  it('gives nothing for nothing', () => {
    expect(groupDownloads([])).toEqual([]);
  });
});
