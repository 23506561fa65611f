/** Plain-language terms of each licence a work can carry (labels: library.terms.<term>). */
export type LicenceTerm =
  | 'credit' | 'commercial' | 'noCommercial' | 'adapt' | 'noAdapt' | 'shareAlike' | 'editorialOnly' | 'askRights';

const TERMS: Record<string, LicenceTerm[]> = {
  CC_BY_4_0: ['credit', 'commercial', 'adapt'],
  CC_BY_SA_4_0: ['credit', 'commercial', 'adapt', 'shareAlike'],
  CC_BY_NC_4_0: ['credit', 'noCommercial', 'adapt'],
  CC_BY_NC_ND_4_0: ['credit', 'noCommercial', 'noAdapt'],
  EDITORIAL_USE_ONLY: ['credit', 'editorialOnly', 'noAdapt'],
  ALL_RIGHTS_RESERVED: ['credit', 'askRights'],
};

/** What a user may and must do under the licence; an unknown code gives only the credit rule and a pointer to ask. */
export function licenceTerms(code: string): LicenceTerm[] {
  return TERMS[code] ?? ['credit', 'askRights'];
}
