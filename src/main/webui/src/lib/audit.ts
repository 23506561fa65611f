import type { TFunction } from 'i18next';

/**
 * Audit logs page newest first by sequence number: the next (older) page starts before the last event shown, and
 * only a full page can have one.
 */
export function nextBefore(events: readonly { seq: string | number }[], pageSize: number): string | null {
  return events.length >= pageSize && events.length > 0 ? String(events[events.length - 1].seq) : null;
}

/** The actions a contest's audit log records (auditLog filters by exact action). */
export const CONTEST_AUDIT_ACTIONS = [
  'CONTEST_CREATED', 'CONTEST_RESCHEDULED', 'SUBMISSION_UPDATED', 'WITHDRAWN', 'MODERATED_ENTRY_APPROVE', 'MODERATED_ENTRY_REJECT',
  'MODERATED_PUBLICATION_APPROVE', 'MODERATED_PUBLICATION_REJECT', 'PANEL_SET', 'CONFLICT_DECLARED', 'UNASSIGNED_CONFLICT',
  'ASSIGNED', 'AUTO_ASSIGNED', 'RECUSED', 'SCORED', 'SHORTLISTED', 'AWARDED', 'AWARD_REMOVED', 'RESULTS_PUBLISHED',
  'RESULTS_REPUBLISHED', 'RESULTS_UNPUBLISHED',
] as const;

/** Every action the audit logs record, each with words in the locale files (audit.action.*). */
export const AUDIT_ACTIONS = [
  ...CONTEST_AUDIT_ACTIONS, 'ROLE_GRANTED', 'ROLE_REVOKED', 'BRAND_CREATED', 'BRAND_UPDATED',
  'MODERATED_PUBLICATION_REQUEST_APPROVE', 'MODERATED_PUBLICATION_REQUEST_REJECT', 'PUBLICATION_REQUESTED',
  'PUBLICATION_CANCELLED', 'WORK_UNPUBLISHED', 'WORK_REPUBLISHED',
] as const;

/** The action in the reader's language; an action without words yet shows its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`audit.action.${action}`, { defaultValue: action });
}
