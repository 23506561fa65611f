import type { ComponentType } from 'react';
import { lazy } from 'react';
import fullHref from 'antd/dist/antd.css?url';

/**
 * antd runs without its CSS-in-JS engine (`zeroRuntime` in Root.tsx): the styles are static files. The public pages'
 * components come with the entry's stylesheet (scripts/antd-css.mjs); every other component's are in antd's complete
 * stylesheet (antd/dist/antd.css, about 110 KB gzipped), which is fetched after the first page has painted, or before
 * any code that needs it renders (staff pages, dialogs, the image viewer, messages).
 */
let loading: Promise<void> | null = null;

export function loadAntdStyles(): Promise<void> {
  // Unit tests (jsdom) load no stylesheets: a link there never fires load.
  if (typeof document === 'undefined' || import.meta.env.MODE === 'test') return Promise.resolve();
  return (loading ??= new Promise<void>((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = fullHref;
    // Never a reason not to render: a failed or stalled fetch shows the page with the styles it has.
    link.onload = link.onerror = () => resolve();
    setTimeout(resolve, 8000);
    // Before the app's own stylesheet, so that the app's rules still win over antd's equally specific ones.
    document.head.insertBefore(link, document.head.querySelector('link[rel="stylesheet"], style'));
  }));
}

/**
 * Fetches the complete stylesheet a few seconds after the page has loaded, when the browser is idle (a dialog opened
 * later then has it at once): not earlier, where its 110 KB would compete with the page's own data and images.
 */
export function loadAntdStylesWhenIdle(): void {
  const start = () => void loadAntdStyles();
  const idle = () => ('requestIdleCallback' in window ? window.requestIdleCallback(start, { timeout: 4000 }) : start());
  const later = () => setTimeout(idle, 3000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** React.lazy for code that renders antd components beyond the public pages': its module and the stylesheet. */
export function lazyWithAntdStyles<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(() => Promise.all([load(), loadAntdStyles()]).then(([m]) => m));
}
