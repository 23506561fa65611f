/** Rubric maths and keyboard rules of the judge's screen (pure, unit-tested). */
export interface Criterion {
  code: string;
  name: string;
  scaleMax: number;
  weight: number;
}

export type Scores = Record<string, number | null>;

/** Weighted total on 0..100, as the service computes it: Σ w·(v/max) / Σ w · 100. Null until every criterion is scored. */
export function weightedTotal(rubric: readonly Criterion[], scores: Scores): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const v = scores[c.code];
    if (v == null) return null;
    sum += c.weight * (v / c.scaleMax);
    weights += c.weight;
  }
  return weights ? Math.round((sum / weights) * 1000) / 10 : null;
}

export function clampScore(value: number, max: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(max, Math.max(0, Math.round(value)));
}

export type KeyAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'criterion'; delta: 1 | -1 }
  | { type: 'score'; value: number }
  | { type: 'save' }
  | { type: 'zoom' }
  | { type: 'play' }
  | null;

/**
 * Keys of the judging screen when focus is not in a text field: → / n next entry, ← / p previous, ↑ ↓ choose the
 * criterion, digits 0–9 score it (0 = 10 on a 10-point scale), s or Enter submit the score, z zooms into the image
 * (Esc closes), v plays or pauses the video.
 */
export function keyAction(key: string, scaleMax: number): KeyAction {
  switch (key) {
    case 'ArrowRight': case 'n': return { type: 'next' };
    case 'ArrowLeft': case 'p': return { type: 'prev' };
    case 'ArrowDown': case 'j': return { type: 'criterion', delta: 1 };
    case 'ArrowUp': case 'k': return { type: 'criterion', delta: -1 };
    case 's': case 'Enter': return { type: 'save' };
    case 'z': return { type: 'zoom' };
    case 'v': return { type: 'play' };
    default:
      if (/^[0-9]$/.test(key)) {
        const digit = Number(key);
        return { type: 'score', value: digit === 0 && scaleMax >= 10 ? 10 : Math.min(digit, scaleMax) };
      }
      return null;
  }
}

/** Whether a draft differs from what was last submitted (so moving on autosaves only real changes). */
export function isDirty(draft: Scores, saved: Scores | null): boolean {
  if (!saved) return Object.values(draft).some((v) => v != null);
  return Object.keys({ ...draft, ...saved }).some((k) => (draft[k] ?? null) !== (saved[k] ?? null));
}

export interface RevisionLike {
  items: readonly { criterion: string; value: number; comment: string }[];
}

export interface RevisionChange {
  criterion: string;
  from: number | null;
  to: number;
  commentChanged: boolean;
}

/** What a score revision changed against the one before it (for the judge's revision history); [] for the first. */
export function revisionChanges(newer: RevisionLike, older: RevisionLike | undefined): RevisionChange[] {
  if (!older) return [];
  const before = new Map(older.items.map((i) => [i.criterion, i]));
  return newer.items.flatMap((i) => {
    const b = before.get(i.criterion);
    const from = b ? Number(b.value) : null;
    const commentChanged = (b?.comment ?? '') !== i.comment;
    return from !== Number(i.value) || commentChanged ? [{ criterion: i.criterion, from, to: Number(i.value), commentChanged }] : [];
  });
}

/**
 * Whether the draft (scores and comments) differs from the last submitted revision's items, i.e. whether there is
 * anything to autosave; with no revision yet, any score or comment counts.
 */
export function draftDiffers(scores: Scores, comments: Record<string, string>, submitted: readonly { criterion: string; value: number; comment: string }[] | null | undefined): boolean {
  const saved: Scores | null = submitted ? Object.fromEntries(submitted.map((i) => [i.criterion, Number(i.value)])) : null;
  const savedComments = Object.fromEntries((submitted ?? []).map((i) => [i.criterion, i.comment]));
  return isDirty(scores, saved) || Object.keys(comments).some((k) => (comments[k] ?? '') !== (savedComments[k] ?? ''));
}
