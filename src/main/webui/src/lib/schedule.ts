/** A contest's schedule as the organizer edits it (pure, unit-tested); the API validates it again. */
export interface Schedule {
  submissionOpensAt: string;
  submissionClosesAt: string;
  judgingOpensAt: string | null;
  judgingClosesAt: string | null;
}

export type ScheduleProblem = 'submissionOrder' | 'judgingOrder';

/** What the API would refuse, found before sending: each window must close after it opens. */
export function scheduleProblems(s: Schedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (Date.parse(s.submissionClosesAt) <= Date.parse(s.submissionOpensAt)) problems.push('submissionOrder');
  if (s.judgingOpensAt && s.judgingClosesAt && Date.parse(s.judgingClosesAt) <= Date.parse(s.judgingOpensAt)) problems.push('judgingOrder');
  return problems;
}

/**
 * "End submissions now": the deadline moves to now, everything else stays. Null when submissions are not open now
 * (not yet opened, or already closed): there is nothing to end.
 */
export function endSubmissionsNow(s: Schedule, now: Date): Schedule | null {
  const t = now.getTime();
  if (Date.parse(s.submissionOpensAt) >= t || Date.parse(s.submissionClosesAt) <= t) return null;
  return { ...s, submissionClosesAt: new Date(t).toISOString() };
}

/** Where the contest stands by the schedule, for the schedule screen's status line. */
export function phase(s: Schedule, now: Date): 'beforeSubmissions' | 'submissions' | 'betweenWindows' | 'judging' | 'afterJudging' {
  const t = now.getTime();
  if (t < Date.parse(s.submissionOpensAt)) return 'beforeSubmissions';
  if (t < Date.parse(s.submissionClosesAt)) return 'submissions';
  if (s.judgingOpensAt && t < Date.parse(s.judgingOpensAt)) return 'betweenWindows';
  if (!s.judgingClosesAt || t < Date.parse(s.judgingClosesAt)) return s.judgingOpensAt || s.judgingClosesAt ? 'judging' : 'afterJudging';
  return 'afterJudging';
}
