import { Suspense, useCallback, useRef, useState, type ImgHTMLAttributes, type ReactNode } from 'react';
import { lazyWithAntdStyles } from '../styles/antdStyles';

/** antd's image viewer (zoom, rotate, next/previous; @rc-component/image) loads when an image is first opened. */
const ZoomViewer = lazyWithAntdStyles(() => import('./ZoomViewer'));

/**
 * Zoom for a set of images: `open(i)` shows image i of `sources` (the large renditions) in antd's viewer, with
 * next/previous through the others; `viewer` is rendered once by the page. Closing the viewer puts the focus back on
 * the image that opened it.
 */
export function useImageZoom(sources: readonly string[]): { open: (index: number) => void; viewer: ReactNode } {
  const [current, setCurrent] = useState<number | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((index: number) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setCurrent(index);
  }, []);
  const close = useCallback(() => {
    setCurrent(null);
    opener.current?.focus();
  }, []);
  return {
    open,
    viewer: current == null ? null : (
      <Suspense fallback={null}>
        <ZoomViewer sources={sources} current={current} onClose={close} />
      </Suspense>
    ),
  };
}

/**
 * An image that opens the zoom viewer: a real button around the picture (Enter and Space work, the label says what
 * it does), with the hint shown over the image on hover and focus.
 */
export function ZoomableImage({ src, alt, hint, onZoom, testId, imgProps }: {
  src: string;
  alt: string;
  hint: string;
  onZoom: () => void;
  testId?: string;
  /** width/height (the browser reserves the space before the image arrives), style, fetchPriority… */
  imgProps?: ImgHTMLAttributes<HTMLImageElement>;
}) {
  return (
    <button type="button" className="zoom-image" onClick={onZoom} title={hint} data-testid={testId}>
      <img decoding="async" {...imgProps} src={src} alt={alt} />
      <span className="zoom-image-hint" aria-hidden="true">{hint}</span>
    </button>
  );
}
