import type { Region, WorkInput } from '../gql/graphql';

/**
 * The work that holds a brand's logo image: a photo filed under the brand (when it exists already), credited to its
 * organisation, all rights reserved (a logo is not free to reuse), on general science.
 */
export function logoHolderWork({ brandId, brandName, ownerOrganization, region, titleSuffix }: {
  brandId: string | null; brandName: string; ownerOrganization: string; region: Region | null; titleSuffix: string;
}): WorkInput {
  const owner = ownerOrganization.trim() || brandName.trim();
  return {
    kind: 'PHOTO',
    title: `${brandName.trim()} ${titleSuffix}`.trim(),
    topics: ['GENERAL_SCIENCE'],
    region: region ?? 'BEIJING',
    creators: [{ name: owner }],
    licence: 'ALL_RIGHTS_RESERVED',
    ...(brandId ? { brandId } : {}),
  };
}
