/**
 * A work page's first screen may come as HTML from the service (web/WorkPageFirstScreen), shown in index.html's boot
 * shell while the document carries the class `first-screen` (set by index.html's script when it uses the embedded
 * answer; styles.css keeps the application hidden meanwhile). The page calls this once it has rendered its own
 * screen (or an error), and the application takes the shell's place in the same frame; any other page calls it at
 * once. Idempotent.
 */
export function releaseFirstScreen(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.remove('first-screen');
}

/** The address of a work page, the only page that may come with a first screen. */
export function isWorkPage(pathname: string): boolean {
  return /^\/works\/[^/]+$/.test(pathname);
}
