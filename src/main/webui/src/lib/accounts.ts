/** How staff screens name an account (pure, unit-tested). */
export interface AccountLike {
  id: string;
  displayName: string;
  organization: string | null;
  email: string | null;
}

/** "张老师 · 中国科学院 · zhang@example.cn": what an organizer recognises a person by. */
export function accountLabel(a: AccountLike): string {
  return [a.displayName, a.organization, a.email].filter((x) => !!x && x.trim()).join(' · ');
}

/** A pasted account id (UUID) is taken as is; anything else is a search. */
export function looksLikeId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());
}
