import { describe, expect, it } from 'vitest';
import { decisionCall, duplicateLevel, toInboxItem, type InboxNode } from './moderation';

const work = { id: 'w1', title: '量子', description: 'd', kind: 'POSTER' };
const entry: InboxNode = {
  stage: 'ENTRY',
  publicationRequest: null,
  submission: {
    id: 's1', entryCode: 'E-1', categoryName: '海报', submittedAt: '2026-12-01T00:00:00Z', previousSubmissionId: 's0',
    previews: [], nearDuplicates: [{ matchedWorkId: 'w9', matchedWorkTitle: '旧作', matchedWorkStatus: 'PUBLISHED', distance: 3, framesMatched: 1 }],
    work,
  },
};
const request: InboxNode = {
  stage: 'PUBLICATION',
  submission: null,
  publicationRequest: {
    id: 'r1', note: '请发布', onBehalfOf: '科协', requestedAt: '2026-12-01T01:00:00Z',
    work: { ...work, previews: [], nearDuplicates: [] },
  },
};

describe('toInboxItem', () => {
  it('treats a contest entry and a publication request alike', () => {
    const e = toInboxItem(entry)!;
    expect(e).toMatchObject({ kind: 'submission', id: 's1', stage: 'ENTRY', entryCode: 'E-1', resubmission: true });
    expect(e.nearDuplicates).toHaveLength(1);
    const p = toInboxItem(request)!;
    expect(p).toMatchObject({ kind: 'publication', id: 'r1', stage: 'PUBLICATION', requestNote: '请发布', onBehalfOf: '科协', entryCode: null });
    expect(p.key).not.toEqual(e.key);
    expect(toInboxItem({ stage: 'ENTRY', submission: null, publicationRequest: null })).toBeNull();
  });
});

describe('duplicateLevel', () => {
  it('calls 0–10 differing bits a copy', () => {
    expect(duplicateLevel({ distance: 0 })).toBe('copy');
    expect(duplicateLevel({ distance: 10 })).toBe('copy');
    expect(duplicateLevel({ distance: 11 })).toBe('similar');
  });
});

describe('decisionCall', () => {
  it('sends entries through moderate with their stage', () => {
    expect(decisionCall({ kind: 'submission', id: 's1', stage: 'PUBLICATION' }, { decision: 'APPROVE', reasonCode: 'OFF_TOPIC', note: '  ' })).toEqual({
      mutation: 'moderate', input: { submissionId: 's1', stage: 'PUBLICATION', decision: 'APPROVE', reasonCode: 'OK', note: null },
    });
  });

  it('sends publication requests through moderatePublication, with a release time only on approval', () => {
    const item = { kind: 'publication' as const, id: 'r1', stage: 'PUBLICATION' as const };
    expect(decisionCall(item, { decision: 'APPROVE', reasonCode: 'OK', releaseAt: '2026-12-03T00:00:00Z' }).input).toMatchObject({ requestId: 'r1', releaseAt: '2026-12-03T00:00:00Z' });
    expect(decisionCall(item, { decision: 'REJECT', reasonCode: 'COPYRIGHT', note: ' 侵权 ', releaseAt: '2026-12-03T00:00:00Z' })).toEqual({
      mutation: 'moderatePublication', input: { requestId: 'r1', decision: 'REJECT', reasonCode: 'COPYRIGHT', note: '侵权', releaseAt: null },
    });
  });

  it('refuses a rejection without a reason', () => {
    expect(() => decisionCall({ kind: 'submission', id: 's1', stage: 'ENTRY' }, { decision: 'REJECT', reasonCode: 'OK' })).toThrow();
  });
});
