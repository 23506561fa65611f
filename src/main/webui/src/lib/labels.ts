/** The label fields of a work (search hit or work page). */
export interface LabelledWork {
  audienceLevels?: readonly string[] | null;
  aiLabel?: { aiGenerated: boolean } | null;
  brand?: { id: string; name: string; nameEn?: string | null } | null;
}

/** Audience levels from the youngest to the most specialised, the order people read them in. */
export const AUDIENCE_ORDER = ['PRESCHOOL', 'PRIMARY_SCHOOL', 'SECONDARY_SCHOOL', 'UNIVERSITY', 'GENERAL_PUBLIC', 'PROFESSIONAL'] as const;

/** What WorkLabels shows: the AI label, the audiences in a stable order (unknown values last), the brand's name. */
export function workLabels(work: LabelledWork, english: boolean) {
  const rank = (a: string) => {
    const i = (AUDIENCE_ORDER as readonly string[]).indexOf(a);
    return i < 0 ? AUDIENCE_ORDER.length : i;
  };
  const audiences = [...new Set(work.audienceLevels ?? [])].sort((a, b) => rank(a) - rank(b));
  const brand = work.brand ? { id: work.brand.id, name: (english && work.brand.nameEn) || work.brand.name } : null;
  return { aiGenerated: !!work.aiLabel?.aiGenerated, audiences, brand };
}
