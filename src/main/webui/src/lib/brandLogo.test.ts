import { describe, expect, it } from 'vitest';
import { logoHolderWork } from './brandLogo';

describe('logoHolderWork', () => {
  it('files the logo photo under an existing brand, credited to its organisation, all rights reserved', () => {
    expect(logoHolderWork({ brandId: 'b1', brandName: ' 科学之声 ', ownerOrganization: '中国科协', region: 'SHANGHAI', titleSuffix: '标识' })).toEqual({
      kind: 'PHOTO', title: '科学之声 标识', topics: ['GENERAL_SCIENCE'], region: 'SHANGHAI', creators: [{ name: '中国科协' }],
      licence: 'ALL_RIGHTS_RESERVED', brandId: 'b1',
    });
  });

  it('for a brand not saved yet: no brand, the brand name as creator when no organisation is given, a region anyway', () => {
    const w = logoHolderWork({ brandId: null, brandName: '新栏目', ownerOrganization: ' ', region: null, titleSuffix: 'logo' });
    expect(w).not.toHaveProperty('brandId');
    expect(w.creators).toEqual([{ name: '新栏目' }]);
    expect(w.region).toBe('BEIJING');
  });
});
