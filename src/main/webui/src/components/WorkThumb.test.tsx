// @vitest-environment jsdom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/react';
import WorkThumb from './WorkThumb';

afterEach(cleanup);

describe('WorkThumb', () => {
  it('shows the thumbnail lazily with its alt text', () => {
    const { container } = render(<WorkThumb kind="PHOTO" url="https://x/t.jpg" alt="日晕" />);
    const img = container.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://x/t.jpg');
    expect(img.getAttribute('alt')).toBe('日晕');
    expect(img.getAttribute('loading')).toBe('lazy');
  });

  it('falls back to the kind icon without a URL or when the image fails', () => {
    const none = render(<WorkThumb kind="SHORT_VIDEO" />);
    expect(none.container.querySelector('img')).toBeNull();
    expect(none.container.querySelector('[data-kind="SHORT_VIDEO"]')?.getAttribute('aria-hidden')).toBe('true');
    cleanup();
    const broken = render(<WorkThumb kind="POSTER" url="https://x/expired.jpg" alt="海报" />);
    fireEvent.error(broken.container.querySelector('img')!);
    expect(broken.container.querySelector('img')).toBeNull();
    expect(broken.container.querySelector('[data-kind="POSTER"]')).not.toBeNull();
  });
});
