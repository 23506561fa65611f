/** The moderation inbox's rules on the client side (pure, unit-tested); the API decides every action. */
import type { PreviewLike } from './preview';

export interface DuplicateLike {
  matchedWorkId: string;
  matchedWorkTitle: string;
  matchedWorkStatus: string;
  distance: number;
  framesMatched: number;
}

export interface InboxWork {
  id: string;
  title: string;
  description: string;
  kind: string;
}

export interface InboxNode {
  stage: 'ENTRY' | 'PUBLICATION';
  submission: null | {
    id: string;
    entryCode: string;
    categoryName: string;
    submittedAt: string;
    previousSubmissionId: string | null;
    previews: PreviewLike[];
    nearDuplicates: DuplicateLike[];
    work: InboxWork;
  };
  publicationRequest: null | {
    id: string;
    note: string;
    onBehalfOf: string | null;
    requestedAt: string;
    work: InboxWork & { previews: PreviewLike[]; nearDuplicates: DuplicateLike[] };
  };
}

/** One thing to decide, whichever kind it is. */
export interface InboxItem {
  key: string;
  kind: 'submission' | 'publication';
  /** The id the decision mutation takes: a submission id or a publication request id. */
  id: string;
  stage: 'ENTRY' | 'PUBLICATION';
  work: InboxWork;
  previews: PreviewLike[];
  nearDuplicates: DuplicateLike[];
  waitingSince: string;
  entryCode: string | null;
  categoryName: string | null;
  resubmission: boolean;
  requestNote: string | null;
  onBehalfOf: string | null;
}

export function toInboxItem(node: InboxNode): InboxItem | null {
  const s = node.submission;
  if (s) {
    return {
      key: `s:${s.id}:${node.stage}`, kind: 'submission', id: s.id, stage: node.stage, work: s.work, previews: s.previews,
      nearDuplicates: s.nearDuplicates, waitingSince: s.submittedAt, entryCode: s.entryCode, categoryName: s.categoryName,
      resubmission: !!s.previousSubmissionId, requestNote: null, onBehalfOf: null,
    };
  }
  const r = node.publicationRequest;
  if (r) {
    return {
      key: `p:${r.id}`, kind: 'publication', id: r.id, stage: node.stage, work: r.work, previews: r.work.previews,
      nearDuplicates: r.work.nearDuplicates, waitingSince: r.requestedAt, entryCode: null, categoryName: null,
      resubmission: false, requestNote: r.note || null, onBehalfOf: r.onBehalfOf,
    };
  }
  return null;
}

/** Hamming distance of 0–10 bits (of 64) is a copy; above that, only similar. */
export const COPY_DISTANCE = 10;

export function duplicateLevel(d: Pick<DuplicateLike, 'distance'>): 'copy' | 'similar' {
  return d.distance <= COPY_DISTANCE ? 'copy' : 'similar';
}

export interface Decision {
  decision: 'APPROVE' | 'REJECT';
  reasonCode: string;
  note?: string | null;
  /** Publication requests only: approve now but release at this time (ISO-8601). */
  releaseAt?: string | null;
}

export type DecisionCall =
  | { mutation: 'moderate'; input: { submissionId: string; stage: 'ENTRY' | 'PUBLICATION'; decision: 'APPROVE' | 'REJECT'; reasonCode: string; note: string | null } }
  | { mutation: 'moderatePublication'; input: { requestId: string; decision: 'APPROVE' | 'REJECT'; reasonCode: string; note: string | null; releaseAt: string | null } };

/**
 * The mutation and input for a decision on an item: entries (and awarded entries at the publication stage) go through
 * `moderate`, publication requests through `moderatePublication`. A rejection needs a reason other than OK; an
 * approval is always OK. A blank note is sent as null; a release time only with an approval of a publication request.
 */
export function decisionCall(item: Pick<InboxItem, 'kind' | 'id' | 'stage'>, d: Decision): DecisionCall {
  const reasonCode = d.decision === 'APPROVE' ? 'OK' : d.reasonCode;
  if (d.decision === 'REJECT' && (!reasonCode || reasonCode === 'OK')) throw new Error('a rejection needs a reason');
  const note = d.note?.trim() ? d.note.trim() : null;
  if (item.kind === 'publication') {
    return {
      mutation: 'moderatePublication',
      input: { requestId: item.id, decision: d.decision, reasonCode, note, releaseAt: d.decision === 'APPROVE' ? d.releaseAt ?? null : null },
    };
  }
  return { mutation: 'moderate', input: { submissionId: item.id, stage: item.stage, decision: d.decision, reasonCode, note } };
}
