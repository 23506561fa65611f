import { describe, expect, it } from 'vitest';
import { endSubmissionsNow, phase, scheduleProblems, type Schedule } from './schedule';

const s: Schedule = {
  submissionOpensAt: '2026-11-01T00:00:00.000Z',
  submissionClosesAt: '2026-12-10T00:00:00.000Z',
  judgingOpensAt: '2026-12-11T00:00:00.000Z',
  judgingClosesAt: '2026-12-20T00:00:00.000Z',
};
const now = new Date('2026-12-02T01:30:00.000Z');

describe('scheduleProblems', () => {
  it('accepts windows that close after they open', () => {
    expect(scheduleProblems(s)).toEqual([]);
    expect(scheduleProblems({ ...s, judgingOpensAt: null, judgingClosesAt: null })).toEqual([]);
  });
  it('names each window that closes before it opens', () => {
    expect(scheduleProblems({ ...s, submissionClosesAt: s.submissionOpensAt, judgingClosesAt: '2026-12-01T00:00:00.000Z' }))
      .toEqual(['submissionOrder', 'judgingOrder']);
  });
});

describe('endSubmissionsNow', () => {
  it('moves only the deadline, to now', () => {
    expect(endSubmissionsNow(s, now)).toEqual({ ...s, submissionClosesAt: '2026-12-02T01:30:00.000Z' });
  });
  it('has nothing to end before opening or after the deadline', () => {
    expect(endSubmissionsNow(s, new Date('2026-10-01T00:00:00Z'))).toBeNull();
    expect(endSubmissionsNow(s, new Date('2026-12-10T00:00:00Z'))).toBeNull();
  });
});

describe('phase', () => {
  it('follows the windows', () => {
    expect(phase(s, new Date('2026-10-01T00:00:00Z'))).toBe('beforeSubmissions');
    expect(phase(s, now)).toBe('submissions');
    expect(phase(s, new Date('2026-12-10T12:00:00Z'))).toBe('betweenWindows');
    expect(phase(s, new Date('2026-12-15T00:00:00Z'))).toBe('judging');
    expect(phase(s, new Date('2026-12-21T00:00:00Z'))).toBe('afterJudging');
  });
});
