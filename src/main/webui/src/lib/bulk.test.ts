import { describe, expect, it } from 'vitest';
import { bulkPlan } from './bulk';

describe('bulkPlan', () => {
  const works = [
    { id: 'a', hasFiles: true, licence: { code: 'CC_BY_NC_4_0' } },
    { id: 'b', hasFiles: false, licence: { code: 'CC_BY_4_0' } },
    { id: 'c', hasFiles: true, licence: { code: 'CC_BY_4_0' } },
    { id: 'd', hasFiles: true, licence: { code: 'CC_BY_4_0' } },
  ];

  it('downloads the works with files in selection order and asks for each licence once', () => {
    const plan = bulkPlan(['d', 'a', 'b', 'c', 'gone', 'd'], works);
    expect(plan.downloadable).toEqual(['d', 'a', 'c']);
    expect(plan.licences).toEqual(['CC_BY_4_0', 'CC_BY_NC_4_0']);
    expect(plan.byLicence).toEqual({ CC_BY_4_0: 2, CC_BY_NC_4_0: 1 });
  });

  it('leaves out works without files and works the caller can no longer see', () => {
    const plan = bulkPlan(['b', 'gone', 'a'], works);
    expect(plan.withoutFiles).toEqual(['b']);
    expect(plan.missing).toEqual(['gone']);
    expect(plan.licences).toEqual(['CC_BY_NC_4_0']);
  });
});
