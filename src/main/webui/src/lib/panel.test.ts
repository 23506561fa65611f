import { describe, expect, it } from 'vitest';
import { withJudge, withoutJudge } from './panel';

const panel = [
  { judgeId: 'j1', categoryCodes: ['VIDEO'], maxLoad: 5 },
  { judgeId: 'j2', categoryCodes: [], maxLoad: null },
];

describe('judge panel edits', () => {
  it('adds a judge at the end and keeps everyone else as they are', () => {
    expect(withJudge(panel, { judgeId: ' j3 ', categoryCodes: [] })).toEqual([
      { judgeId: 'j1', categoryCodes: ['VIDEO'], maxLoad: 5 },
      { judgeId: 'j2', categoryCodes: [], maxLoad: null },
      { judgeId: 'j3', categoryCodes: [], maxLoad: null },
    ]);
  });

  it('updates a judge already on the panel in place', () => {
    expect(withJudge(panel, { judgeId: 'j1', categoryCodes: ['POSTER', 'VIDEO'], maxLoad: null })).toEqual([
      { judgeId: 'j1', categoryCodes: ['POSTER', 'VIDEO'], maxLoad: null },
      { judgeId: 'j2', categoryCodes: [], maxLoad: null },
    ]);
  });

  it('removes one judge', () => {
    expect(withoutJudge(panel, 'j1')).toEqual([{ judgeId: 'j2', categoryCodes: [], maxLoad: null }]);
    expect(withoutJudge(panel, 'nobody')).toHaveLength(2);
  });
});
