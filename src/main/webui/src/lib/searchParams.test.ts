import { describe, expect, it } from 'vitest';
import { filterFromParams, hasHiddenFilters, paramsFromSaved, savedFilterInput } from './searchParams';

describe('filterFromParams', () => {
  it('reads every list filter, repeated values and no duplicates', () => {
    const p = new URLSearchParams('q=量子&kinds=PHOTO&kinds=POSTER&kinds=PHOTO&audienceLevels=PRIMARY_SCHOOL&brandIds=b1&licences=CC_BY_4_0');
    expect(filterFromParams(p)).toEqual({
      kinds: ['PHOTO', 'POSTER'], audienceLevels: ['PRIMARY_SCHOOL'], brandIds: ['b1'], licences: ['CC_BY_4_0'],
    });
  });

  it('filters on the AI label only when exactly one of true/false is chosen', () => {
    expect(filterFromParams(new URLSearchParams('aiGenerated=true')).aiGenerated).toBe(true);
    expect(filterFromParams(new URLSearchParams('aiGenerated=false')).aiGenerated).toBe(false);
    expect(filterFromParams(new URLSearchParams('aiGenerated=true&aiGenerated=false'))).not.toHaveProperty('aiGenerated');
    expect(filterFromParams(new URLSearchParams('aiGenerated=maybe'))).not.toHaveProperty('aiGenerated');
  });

  it('keeps only works with files when asked', () => {
    expect(filterFromParams(new URLSearchParams('hasFiles=true'))).toEqual({ hasFiles: true });
    expect(filterFromParams(new URLSearchParams('hasFiles=no'))).toEqual({});
  });

  it('ignores empty values and unknown parameters', () => {
    expect(filterFromParams(new URLSearchParams('kinds=&sort=NEWEST&foo=bar'))).toEqual({});
  });
});

describe('a saved search', () => {
  const saved = {
    __typename: 'SearchFilterValues', kinds: ['SHORT_VIDEO'], topics: null, audienceLevels: ['SECONDARY_SCHOOL'],
    brandIds: [], aiGenerated: false, hasFiles: true, contestIds: null,
  } as never;

  it('runs on the search page as the same filter it was saved with', () => {
    const params = paramsFromSaved(' 黑洞 ', saved);
    expect(params.get('q')).toBe('黑洞');
    expect(filterFromParams(params)).toEqual(savedFilterInput(saved));
  });

  it('is saved again without nulls, empty lists or __typename', () => {
    expect(savedFilterInput(saved)).toEqual({ kinds: ['SHORT_VIDEO'], audienceLevels: ['SECONDARY_SCHOOL'], aiGenerated: false, hasFiles: true });
    expect(savedFilterInput(null)).toBeNull();
    expect(savedFilterInput({ kinds: [] })).toBeNull();
  });

  it('says when it uses filters the search page cannot show', () => {
    expect(hasHiddenFilters(saved)).toBe(false);
    expect(hasHiddenFilters({ contestIds: ['c1'] })).toBe(true);
    expect(hasHiddenFilters({ hasFiles: false })).toBe(true);
    expect(paramsFromSaved('', { contestIds: ['c1'] }).toString()).toBe('');
  });
});
