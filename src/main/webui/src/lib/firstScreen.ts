/**
 * A work page's or the plain search's first screen may come as HTML from the service (web/WorkPageFirstScreen,
 * web/SearchPageFirstScreen), shown in index.html's boot shell while the document carries the class `first-screen`
 * (set by index.html's script when it uses the embedded answer; styles.css keeps the application hidden meanwhile).
 * The page calls this once it has rendered its own screen (or an error), and the application takes the shell's place
 * in the same frame; any other page calls it at once. The service's markup is then removed: it is hidden from then on,
 * and its elements (the search box, result links, images) would otherwise stand beside the page's own for assistive
 * technology and scripts that look for them. Idempotent.
 */
export function releaseFirstScreen(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.remove('first-screen');
  document.querySelector('#boot main.first-screen')?.remove();
}

/** The addresses that may come with a first screen: a work page and the search page (`/`, the plain search). */
export function hasFirstScreen(pathname: string): boolean {
  return pathname === '/' || /^\/works\/[^/]+$/.test(pathname);
}
