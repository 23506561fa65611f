// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasFirstScreen, releaseFirstScreen } from './firstScreen';

/** index.html with the service's search first screen (web/SearchPageFirstScreen) and the application rendered. */
function page(typedValue?: string) {
  document.documentElement.className = 'first-screen';
  document.body.innerHTML = `
    <div id="root"><form role="search"><input data-testid="search-input" value="量子"></form><a href="/works/1">一</a></div>
    <div id="boot"><div class="app-body"><main class="app-content first-screen">
      <form role="search" action="/"><input name="q" value="量子"></form><a href="/works/1"><h2>一</h2></a>
    </main></div></div>`;
  const box = document.querySelector<HTMLInputElement>('#boot input[name=q]')!;
  if (typedValue !== undefined) box.value = typedValue;
  const app = document.querySelector<HTMLInputElement>('#root input')!;
  const changes: string[] = [];
  app.addEventListener('input', () => changes.push(app.value));
  return { box, app, changes };
}

describe('first screen', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.documentElement.className = '';
    delete (window as { __kepuBoot?: unknown }).__kepuBoot;
  });

  it('is kept for the search page and a work page only', () => {
    expect(hasFirstScreen('/')).toBe(true);
    expect(hasFirstScreen('/works/0b9f5e0e-8a55-4c4e-9a47-1b2c3d4e5f60')).toBe(true);
    expect(hasFirstScreen('/works/')).toBe(false);
    expect(hasFirstScreen('/works/a/b')).toBe(false);
    expect(hasFirstScreen('/collections')).toBe(false);
    expect(hasFirstScreen('/signin')).toBe(false);
  });

  it('gives way to the page: the class goes and the service’s markup is removed', () => {
    const { changes } = page();
    releaseFirstScreen();
    releaseFirstScreen();
    expect(document.documentElement.classList.contains('first-screen')).toBe(false);
    expect(document.querySelector('#boot main')).toBeNull();
    expect(changes).toEqual([]);
  });

  it('carries text typed into the shell’s box into the application’s, with focus and caret', () => {
    const { box, app, changes } = page();
    box.focus();
    box.value = '量子计算';
    box.setSelectionRange(3, 3);
    releaseFirstScreen();
    expect(changes).toEqual(['量子计算']);
    expect(app.value).toBe('量子计算');
    expect(document.activeElement).toBe(app);
    expect([app.selectionStart, app.selectionEnd]).toEqual([3, 3]);
  });

  it('carries a changed box without taking focus when the visitor has left it', () => {
    const { app, changes } = page('');
    releaseFirstScreen();
    expect(changes).toEqual(['']);
    expect(document.activeElement).not.toBe(app);
  });

  it('moves the focus from a link of the shell to the same link of the page', () => {
    page();
    document.querySelector<HTMLElement>('#boot a')!.focus();
    releaseFirstScreen();
    expect(document.activeElement).toBe(document.querySelector('#root a'));
  });

  it('waits for a press on the shell to end, so its click reaches the link pressed', () => {
    page();
    const boot: { press?: boolean; afterPress?: () => void } = { press: true };
    (window as { __kepuBoot?: unknown }).__kepuBoot = boot;
    releaseFirstScreen();
    expect(document.querySelector('#boot main')).not.toBeNull();
    expect(document.documentElement.classList.contains('first-screen')).toBe(true);
    boot.press = false;
    boot.afterPress?.();
    expect(document.querySelector('#boot main')).toBeNull();
  });

  it('opens the preview the visitor pressed before the application ran', () => {
    document.documentElement.className = 'first-screen';
    document.body.innerHTML = '<div id="root"><button class="zoom-image"></button></div><div id="boot"><main class="first-screen"><div class="zoom-image"><img alt=""></div></main></div>';
    const zoom = vi.fn();
    document.querySelector('#root .zoom-image')!.addEventListener('click', zoom);
    (window as { __kepuBoot?: unknown }).__kepuBoot = { preview: true };
    releaseFirstScreen();
    expect(zoom).toHaveBeenCalledOnce();
  });

  it('scrolls to the facets when the visitor followed the shell’s filters link', () => {
    document.documentElement.className = 'first-screen';
    document.body.innerHTML = '<div id="root"><aside id="search-facets"></aside></div><div id="boot"><main class="first-screen"><a class="facets-jump" href="#search-facets"></a></main></div>';
    const scrolled = vi.fn();
    (document.getElementById('search-facets') as HTMLElement).scrollIntoView = scrolled;
    window.location.hash = '#search-facets';
    (window as { __kepuBoot?: unknown }).__kepuBoot = { jump: true };
    releaseFirstScreen();
    expect(scrolled).toHaveBeenCalledOnce();
    window.location.hash = '';
  });

  it('does nothing without a shell', () => {
    expect(() => releaseFirstScreen()).not.toThrow();
  });
});
