import type { PanelJudgeInput } from '../gql/graphql';

/** A judge on the panel as the contest's judgePanel returns it. */
export interface PanelSeat {
  judgeId: string;
  categoryCodes: readonly string[];
  maxLoad?: number | null;
}

function input(seat: PanelSeat): PanelJudgeInput {
  return { judgeId: seat.judgeId, categoryCodes: [...seat.categoryCodes], maxLoad: seat.maxLoad ?? null };
}

/**
 * The whole panel to send to setJudgePanel (it replaces the panel) with one judge added; a judge already on it keeps
 * their place and takes the new categories and load.
 */
export function withJudge(panel: readonly PanelSeat[], seat: PanelSeat): PanelJudgeInput[] {
  const judgeId = seat.judgeId.trim();
  const added = input({ ...seat, judgeId });
  return panel.some((p) => p.judgeId === judgeId)
    ? panel.map((p) => (p.judgeId === judgeId ? added : input(p)))
    : [...panel.map(input), added];
}

/** The whole panel without one judge. */
export function withoutJudge(panel: readonly PanelSeat[], judgeId: string): PanelJudgeInput[] {
  return panel.filter((p) => p.judgeId !== judgeId).map(input);
}
