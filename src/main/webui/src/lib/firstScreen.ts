/**
 * A work page's or the plain search's first screen may come as HTML from the service (web/WorkPageFirstScreen,
 * web/SearchPageFirstScreen), shown in index.html's boot shell while the document carries the class `first-screen`
 * (set by index.html's script when it uses the embedded answer; styles.css keeps the application hidden meanwhile).
 * On such a page the application itself starts only on the visitor's first intent or when the browser has been idle
 * for a while after the load (index.html's script, vite.config.ts `entry-after-first-paint`): until then the service's
 * markup is the page, its links are plain links and its search box a plain form.
 *
 * The page calls {@link releaseFirstScreen} once it has rendered its own screen (or an error), and the application
 * takes the shell's place in the same frame; any other page calls it at once. Whatever the visitor did in the shell
 * meanwhile comes along: text typed into the search box (with focus and caret), the focus on a link, a press that
 * has not become a click yet (the swap waits for it, so the click lands on the link pressed), a press on the work's
 * preview (opened) and the "filters" link (scrolled to the facets). The service's markup is
 * then removed: it is hidden from then on, and its elements (the search box, result links, images) would otherwise
 * stand beside the page's own for assistive technology and scripts that look for them. Idempotent.
 */
export function releaseFirstScreen(): void {
  if (typeof document === 'undefined') return;
  const boot = document.querySelector('#boot main.first-screen');
  const pending = bootState();
  if (boot && pending.press) {
    // A pointer is down on the shell (a link about to be clicked): swap after that click, or its target would vanish.
    pending.afterPress = releaseFirstScreen;
    return;
  }
  const carry = boot ? carryOver(boot) : null;
  document.documentElement.classList.remove('first-screen');
  boot?.remove();
  carry?.();
}

/** What index.html's boot script records about the visitor's actions in the shell (`window.__kepuBoot`). */
interface BootState {
  /** A pointer is down on the shell and no click has followed yet. */
  press?: boolean;
  /** Called by the boot script once that press has ended. */
  afterPress?: () => void;
  /** The visitor pressed the work's preview before the application ran: open it (zoom, play) once it shows. */
  preview?: boolean;
  /** The visitor followed the search page's "filters" link, whose target (the facets) only the application shows. */
  jump?: boolean;
}

function bootState(): BootState {
  const w = (typeof window === 'undefined' ? {} : window) as { __kepuBoot?: BootState };
  return (w.__kepuBoot ??= {});
}

/**
 * Reads what the visitor did in the shell, before it goes, and returns what applies it to the application's page
 * once the shell is gone (the page's elements are hidden until then and cannot take focus).
 */
function carryOver(boot: Element): () => void {
  const active = document.activeElement;
  const focused = active && boot.contains(active) ? active : null;
  const box = boot.querySelector<HTMLInputElement>('input[name="q"]');
  const typed = box && (box.value !== box.defaultValue || box === focused)
    ? { value: box.value, start: box.selectionStart, end: box.selectionEnd, direction: box.selectionDirection ?? undefined, focus: box === focused }
    : null;
  const link = focused instanceof HTMLAnchorElement ? focused.getAttribute('href') : null;
  const state = bootState();
  const { preview, jump } = state;
  state.preview = false;
  state.jump = false;
  return () => {
    const root = document.getElementById('root');
    if (!root) return;
    if (typed) {
      const input = root.querySelector<HTMLInputElement>('form[role="search"] input');
      if (input) {
        if (input.value !== typed.value) setInputValue(input, typed.value);
        // Called from the page's layout effect, React applies the new value only after this commit (writing the old
        // one back meanwhile, and the caret goes to the end): focus and caret after that, still before the paint.
        const caret = () => {
          if (!typed.focus || input.value !== typed.value) return;
          if (document.activeElement !== input) input.focus();
          if (typed.start !== null && typed.end !== null) input.setSelectionRange(typed.start, typed.end, typed.direction);
        };
        caret();
        queueMicrotask(caret);
      }
    }
    if (link) [...root.querySelectorAll('a')].find((a) => a.getAttribute('href') === link)?.focus();
    if (jump && location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    if (preview) {
      const target = root.querySelector<HTMLElement>('.zoom-image, video');
      if (target instanceof HTMLVideoElement) void target.play().catch(() => undefined);
      else target?.click();
    }
  };
}

/**
 * Sets a React-controlled input's value as typing does: through the element's own value setter (React's tracker
 * would otherwise see no change) and an `input` event, which React turns into the component's onChange.
 */
function setInputValue(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The addresses that may come with a first screen: a work page and the search page (`/`, the plain search). */
export function hasFirstScreen(pathname: string): boolean {
  return pathname === '/' || /^\/works\/[^/]+$/.test(pathname);
}
