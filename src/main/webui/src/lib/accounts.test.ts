import { describe, expect, it } from 'vitest';
import { accountLabel, looksLikeId } from './accounts';

describe('accountLabel', () => {
  it('joins the name with what is known of organisation and address', () => {
    expect(accountLabel({ id: '1', displayName: '张老师', organization: '中国科学院', email: 'z@example.cn' })).toBe('张老师 · 中国科学院 · z@example.cn');
    expect(accountLabel({ id: '1', displayName: '张老师', organization: null, email: ' ' })).toBe('张老师');
  });
});

describe('looksLikeId', () => {
  it('recognises a pasted account id', () => {
    expect(looksLikeId(' 0b7e8f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b ')).toBe(true);
    expect(looksLikeId('张老师')).toBe(false);
  });
});
