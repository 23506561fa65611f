import { describe, expect, it } from 'vitest';
import { statusColor, workActions } from './workAdmin';

describe('workActions', () => {
  it('takes down published works and puts taken-down ones back', () => {
    expect(workActions('PUBLISHED', true)).toEqual(['unpublish']);
    expect(workActions('WITHDRAWN', true)).toEqual(['republish', 'requestPublication']);
    expect(workActions('WITHDRAWN', false)).toEqual(['republish']);
  });
  it('sends only works with verified files to the moderators, and nothing already in moderation', () => {
    expect(workActions('DRAFT', true)).toEqual(['requestPublication']);
    expect(workActions('DRAFT', false)).toEqual([]);
    expect(workActions('REJECTED', true)).toEqual(['requestPublication']);
    expect(workActions('IN_MODERATION', true)).toEqual([]);
  });
  it('colours statuses', () => {
    expect(statusColor('PUBLISHED')).toBe('green');
    expect(statusColor('SOMETHING_NEW')).toBe('default');
  });
});
