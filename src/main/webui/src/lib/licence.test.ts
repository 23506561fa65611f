import { describe, expect, it } from 'vitest';
import { licenceTerms } from './licence';
import { LICENCES } from './enums';

describe('licenceTerms', () => {
  it('always asks for the credit line, for every licence', () => {
    for (const code of [...LICENCES, 'SOMETHING_NEW']) expect(licenceTerms(code)[0]).toBe('credit');
  });

  it('says what each licence allows and forbids', () => {
    expect(licenceTerms('CC_BY_4_0')).toEqual(['credit', 'commercial', 'adapt']);
    expect(licenceTerms('CC_BY_SA_4_0')).toContain('shareAlike');
    expect(licenceTerms('CC_BY_NC_ND_4_0')).toEqual(['credit', 'noCommercial', 'noAdapt']);
    expect(licenceTerms('EDITORIAL_USE_ONLY')).toContain('editorialOnly');
    expect(licenceTerms('ALL_RIGHTS_RESERVED')).toEqual(['credit', 'askRights']);
  });

  it('never allows and forbids the same thing', () => {
    for (const code of LICENCES) {
      const terms = licenceTerms(code);
      expect(terms.includes('commercial') && terms.includes('noCommercial')).toBe(false);
      expect(terms.includes('adapt') && terms.includes('noAdapt')).toBe(false);
    }
  });
});
