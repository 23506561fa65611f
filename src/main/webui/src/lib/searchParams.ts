import type { AudienceLevel, Licence, Region, SearchFilter, WorkKind } from '../gql/graphql';

/**
 * A search lives in the URL (so it can be shared, bookmarked and re-run from a saved search): `q`, `sort` and one
 * parameter per filter below, repeated for several values. These helpers turn the URL into searchWorks' filter and
 * a saved filter back into the URL.
 */
export const LIST_FILTERS = ['kinds', 'topics', 'licences', 'regions', 'awardTiers', 'audienceLevels', 'brandIds'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/** The facet of searchWorks' answer that counts each list filter's values. */
export const FACET_OF: Record<ListFilter, 'kinds' | 'topics' | 'licences' | 'regions' | 'awardTiers' | 'audienceLevels' | 'brands'> = {
  kinds: 'kinds',
  topics: 'topics',
  licences: 'licences',
  regions: 'regions',
  awardTiers: 'awardTiers',
  audienceLevels: 'audienceLevels',
  brandIds: 'brands',
};

/** `aiGenerated=true|false`: only AI-generated content, or none of it; absent (or both) for all works. */
export const AI_PARAM = 'aiGenerated';

/** `hasFiles=true`: only works with a verified file (what an outlet can download). */
export const FILES_PARAM = 'hasFiles';

/** Builds the API filter from the URL. */
export function filterFromParams(params: URLSearchParams): SearchFilter {
  const filter: SearchFilter = {};
  const list = (k: ListFilter) => [...new Set(params.getAll(k).filter(Boolean))];
  if (list('kinds').length) filter.kinds = list('kinds') as WorkKind[];
  if (list('topics').length) filter.topics = list('topics');
  if (list('licences').length) filter.licences = list('licences') as Licence[];
  if (list('regions').length) filter.regions = list('regions') as Region[];
  if (list('awardTiers').length) filter.awardTiers = list('awardTiers');
  if (list('audienceLevels').length) filter.audienceLevels = list('audienceLevels') as AudienceLevel[];
  if (list('brandIds').length) filter.brandIds = list('brandIds');
  const ai = new Set(params.getAll(AI_PARAM).filter((v) => v === 'true' || v === 'false'));
  if (ai.size === 1) filter.aiGenerated = ai.has('true');
  if (params.get(FILES_PARAM) === 'true') filter.hasFiles = true;
  return filter;
}

/** What a saved search stores (SearchFilterValues); fields the search page does not offer are carried as they are. */
export type SavedFilter = { [K in keyof SearchFilter]?: SearchFilter[K] | null };

/** The search page's URL for a saved search's text and filter (the inverse of filterFromParams). */
export function paramsFromSaved(query: string, filter: SavedFilter | null | undefined): URLSearchParams {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query.trim());
  for (const key of LIST_FILTERS) {
    const values = (filter?.[key] ?? []) as readonly (string | null)[];
    values.filter((v): v is string => !!v).forEach((v) => params.append(key, v));
  }
  if (filter?.aiGenerated != null) params.set(AI_PARAM, String(filter.aiGenerated));
  if (filter?.hasFiles === true) params.set(FILES_PARAM, 'true');
  return params;
}

/**
 * A saved filter as saveSearch's input takes it: only the fields that have values (the API rejects none, but a
 * stored `null` list and an absent one mean the same), without GraphQL's `__typename`.
 */
export function savedFilterInput(filter: SavedFilter | null | undefined): SearchFilter | null {
  if (!filter) return null;
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '__typename' || value == null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    input[key] = value;
  }
  return Object.keys(input).length ? (input as SearchFilter) : null;
}

/** Whether the saved filter uses fields the search page cannot show (the search then runs without them). */
export function hasHiddenFilters(filter: SavedFilter | null | undefined): boolean {
  const shown = new Set<string>([...LIST_FILTERS, AI_PARAM]);
  const input = savedFilterInput(filter) ?? {};
  return Object.entries(input).some(([k, v]) => !shown.has(k) && !(k === FILES_PARAM && v === true));
}
