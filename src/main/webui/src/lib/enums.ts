/** Enum values of the contract, in the order the UI lists them (labels come from the locale files: enum.<Type>.<VALUE>). */
export const WORK_KINDS = ['POSTER', 'PHOTO', 'SHORT_VIDEO', 'ARTICLE', 'OTHER'] as const;
export const LICENCES = ['CC_BY_4_0', 'CC_BY_SA_4_0', 'CC_BY_NC_4_0', 'CC_BY_NC_ND_4_0', 'EDITORIAL_USE_ONLY', 'ALL_RIGHTS_RESERVED'] as const;
export const AWARD_TIERS = ['FIRST_PRIZE', 'SECOND_PRIZE', 'THIRD_PRIZE', 'EXCELLENCE'] as const;
export const REASONS = ['OK', 'OFF_TOPIC', 'SCIENTIFIC_ERROR', 'LOW_QUALITY_MEDIA', 'COPYRIGHT', 'PRIVACY_OR_CONSENT', 'ADVERTISING', 'UNSAFE_CONTENT', 'POLITICAL_SENSITIVITY', 'OTHER'] as const;
export const DECLARATIONS = ['ORIGINALITY', 'CONSENT_OF_PEOPLE_SHOWN', 'MEDIA_LICENCE_GRANT'] as const;
export const ORGANIZATION_TYPES = ['INDIVIDUAL', 'SCHOOL', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'SOCIETY', 'ENTERPRISE', 'MEDIA_OUTLET'] as const;
export const REGIONS = [
  'BEIJING', 'TIANJIN', 'HEBEI', 'SHANXI', 'INNER_MONGOLIA', 'LIAONING', 'JILIN', 'HEILONGJIANG', 'SHANGHAI', 'JIANGSU',
  'ZHEJIANG', 'ANHUI', 'FUJIAN', 'JIANGXI', 'SHANDONG', 'HENAN', 'HUBEI', 'HUNAN', 'GUANGDONG', 'GUANGXI', 'HAINAN',
  'CHONGQING', 'SICHUAN', 'GUIZHOU', 'YUNNAN', 'TIBET', 'SHAANXI', 'GANSU', 'QINGHAI', 'NINGXIA', 'XINJIANG', 'XPCC',
  'HONG_KONG', 'MACAO', 'TAIWAN',
] as const;

/** MIME type a browser reports for a file, falling back to its extension when the browser does not know it. */
export function mimeTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const byExt: Record<string, string> = {
    jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', tif: 'image/tiff', tiff: 'image/tiff',
    mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', pdf: 'application/pdf',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

export function formatBytes(n: number | string | null | undefined): string {
  const v = Number(n ?? 0);
  if (v < 1024) return `${v} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let x = v / 1024;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x.toFixed(x < 10 ? 1 : 0)} ${units[i]}`;
}
