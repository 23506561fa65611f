// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { useImageZoom, ZoomableImage } from './ImageZoom';

beforeAll(() => {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
});
afterEach(cleanup);

function Gallery() {
  const zoom = useImageZoom(['/large-1.jpg', '/large-2.jpg']);
  return (
    <>
      <ZoomableImage src="/p1.jpg" alt="一" hint="放大" onZoom={() => zoom.open(0)} testId="z1" />
      <ZoomableImage src="/p2.jpg" alt="二" hint="放大" onZoom={() => zoom.open(1)} testId="z2" />
      {zoom.viewer}
    </>
  );
}

describe('ImageZoom', () => {
  it('loads the viewer only when an image is opened, on the large rendition of that image', async () => {
    const { getByTestId } = render(<Gallery />);
    expect(document.querySelector('.ant-image-preview')).toBeNull();
    const second = getByTestId('z2');
    expect(second.tagName).toBe('BUTTON');
    expect(second.querySelector('img')?.getAttribute('alt')).toBe('二');
    fireEvent.click(second);
    await waitFor(() => expect(document.querySelector('.ant-image-preview img')?.getAttribute('src')).toBe('/large-2.jpg'), { timeout: 50_000 });
  });
});
