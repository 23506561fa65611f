import { describe, expect, it } from 'vitest';
import { clampScore, draftDiffers, isDirty, keyAction, revisionChanges, weightedTotal, type Criterion } from './scoring';

const rubric: Criterion[] = [
  { code: 'SCI', name: '科学性', scaleMax: 10, weight: 2 },
  { code: 'ART', name: '艺术性', scaleMax: 5, weight: 1 },
];

describe('weightedTotal', () => {
  it('weights each criterion by its share of the scale', () => {
    // (2·0.8 + 1·0.6) / 3 = 0.7333 → 73.3
    expect(weightedTotal(rubric, { SCI: 8, ART: 3 })).toBe(73.3);
    expect(weightedTotal(rubric, { SCI: 10, ART: 5 })).toBe(100);
  });
  it('is null until every criterion has a score', () => {
    expect(weightedTotal(rubric, { SCI: 8, ART: null })).toBeNull();
  });
});

describe('keyAction', () => {
  it('maps navigation and save keys', () => {
    expect(keyAction('ArrowRight', 10)).toEqual({ type: 'next' });
    expect(keyAction('p', 10)).toEqual({ type: 'prev' });
    expect(keyAction('j', 10)).toEqual({ type: 'criterion', delta: 1 });
    expect(keyAction('s', 10)).toEqual({ type: 'save' });
    expect(keyAction('x', 10)).toBeNull();
  });
  it('zooms into the image and plays the video by key', () => {
    expect(keyAction('z', 10)).toEqual({ type: 'zoom' });
    expect(keyAction('v', 10)).toEqual({ type: 'play' });
  });
  it('scores by digit, 0 meaning full marks on a ten-point scale, capped at the scale', () => {
    expect(keyAction('7', 10)).toEqual({ type: 'score', value: 7 });
    expect(keyAction('0', 10)).toEqual({ type: 'score', value: 10 });
    expect(keyAction('0', 5)).toEqual({ type: 'score', value: 0 });
    expect(keyAction('9', 5)).toEqual({ type: 'score', value: 5 });
  });
});

describe('clampScore and isDirty', () => {
  it('keeps scores on the scale', () => {
    expect(clampScore(12, 10)).toBe(10);
    expect(clampScore(-1, 10)).toBe(0);
    expect(clampScore(Number.NaN, 10)).toBe(0);
  });
  it('detects changes against the last submitted revision', () => {
    expect(isDirty({ SCI: 8 }, { SCI: 8 })).toBe(false);
    expect(isDirty({ SCI: 9 }, { SCI: 8 })).toBe(true);
    expect(isDirty({ SCI: null }, null)).toBe(false);
    expect(isDirty({ SCI: 3 }, null)).toBe(true);
  });
});

describe('revisionChanges', () => {
  const rev = (values: Record<string, number>, comments: Record<string, string> = {}) => ({
    items: Object.entries(values).map(([criterion, value]) => ({ criterion, value, comment: comments[criterion] ?? '' })),
  });
  it('lists the criteria whose score or comment changed from the previous revision', () => {
    expect(revisionChanges(rev({ SCI: 8, ART: 3 }, { ART: '构图好' }), rev({ SCI: 7, ART: 3 }))).toEqual([
      { criterion: 'SCI', from: 7, to: 8, commentChanged: false },
      { criterion: 'ART', from: 3, to: 3, commentChanged: true },
    ]);
  });
  it('has nothing to compare for the first revision', () => {
    expect(revisionChanges(rev({ SCI: 8 }), undefined)).toEqual([]);
  });
});

describe('draftDiffers', () => {
  const submitted = [{ criterion: 'SCI', value: 8, comment: '好' }];
  it('is false for the submitted revision itself and true after any score or comment change', () => {
    expect(draftDiffers({ SCI: 8 }, { SCI: '好' }, submitted)).toBe(false);
    expect(draftDiffers({ SCI: 9 }, { SCI: '好' }, submitted)).toBe(true);
    expect(draftDiffers({ SCI: 8 }, { SCI: '很好' }, submitted)).toBe(true);
  });
  it('counts anything typed before the first submission', () => {
    expect(draftDiffers({}, {}, null)).toBe(false);
    expect(draftDiffers({}, { SCI: '草稿' }, null)).toBe(true);
  });
});
