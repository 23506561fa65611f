import { describe, expect, it } from 'vitest';
import { workLabels } from './labels';

describe('workLabels', () => {
  it('orders audiences from the youngest, unknown ones last, without repeats', () => {
    expect(workLabels({ audienceLevels: ['GENERAL_PUBLIC', 'NEW_LEVEL', 'PRIMARY_SCHOOL', 'PRIMARY_SCHOOL'] }, false).audiences)
      .toEqual(['PRIMARY_SCHOOL', 'GENERAL_PUBLIC', 'NEW_LEVEL']);
  });

  it('shows the AI label only when the work is AI-generated content', () => {
    expect(workLabels({ aiLabel: { aiGenerated: true } }, false).aiGenerated).toBe(true);
    expect(workLabels({ aiLabel: { aiGenerated: false } }, false).aiGenerated).toBe(false);
    expect(workLabels({}, false).aiGenerated).toBe(false);
  });

  it('names the brand in the chosen language, Chinese when it has no English name', () => {
    const brand = { id: 'b', name: '科学大院', nameEn: 'Science Hall' };
    expect(workLabels({ brand }, true).brand).toEqual({ id: 'b', name: 'Science Hall' });
    expect(workLabels({ brand }, false).brand).toEqual({ id: 'b', name: '科学大院' });
    expect(workLabels({ brand: { ...brand, nameEn: null } }, true).brand?.name).toBe('科学大院');
    expect(workLabels({ brand: null }, true).brand).toBeNull();
  });
});
