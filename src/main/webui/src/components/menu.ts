import type { Access } from '../access';

export interface NavItem {
  to: string;
  label: string;
}

/** Menu entries for what the roles allow, in the order people use them (the API still decides every operation). */
export function menuItems(access: Access, t: (k: string) => string): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: t('nav.search') },
    { to: '/collections', label: t('nav.collections') },
    { to: '/awards', label: t('nav.awards') },
  ];
  if (access.isOutlet) items.push({ to: '/outlet/selection', label: t('outlet.selectionTitle') });
  if (access.isOutlet) items.push({ to: '/library/saved-searches', label: t('library.saved.title') });
  if (access.isOutlet) items.push({ to: '/library/downloads', label: t('library.downloads.title') });
  if (access.canEnter) {
    items.push({ to: '/me/works', label: t('nav.myWorks') });
    items.push({ to: '/me/submissions', label: t('nav.mySubmissions') });
  }
  if (access.canJudge) items.push({ to: '/judge', label: t('nav.judging') });
  if (access.canModerate) items.push({ to: '/moderation', label: t('nav.moderation') });
  if (access.canOrganize) {
    items.push({ to: '/organizer/contests', label: t('nav.contestsAdmin') });
    items.push({ to: '/organizer/collections', label: t('nav.collectionsAdmin') });
    items.push({ to: '/organizer/works', label: t('staff.nav.works') });
    items.push({ to: '/organizer/accounts', label: t('staff.nav.accounts') });
    items.push({ to: '/organizer/brands', label: t('staff.nav.brands') });
  }
  return items;
}
