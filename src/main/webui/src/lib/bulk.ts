/** A selected work as the bulk download needs it. */
export interface BulkWork {
  id: string;
  hasFiles: boolean;
  licence: { code: string };
}

/**
 * What a ZIP of the selection will hold: the works with files in the order they were selected, the licences the
 * outlet must accept for them (each once, with how many works carry it), and what is left out — works without files,
 * and selected ids the caller can no longer see (taken down, or not found).
 */
export function bulkPlan(selected: readonly string[], works: readonly BulkWork[]) {
  const byId = new Map(works.map((w) => [w.id, w]));
  const downloadable: string[] = [];
  const withoutFiles: string[] = [];
  const missing: string[] = [];
  const byLicence: Record<string, number> = {};
  for (const id of new Set(selected)) {
    const w = byId.get(id);
    if (!w) missing.push(id);
    else if (!w.hasFiles) withoutFiles.push(id);
    else {
      downloadable.push(id);
      byLicence[w.licence.code] = (byLicence[w.licence.code] ?? 0) + 1;
    }
  }
  return { downloadable, withoutFiles, missing, licences: Object.keys(byLicence).sort(), byLicence };
}
