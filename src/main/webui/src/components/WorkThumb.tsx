import { useState } from 'react';
import { FileImageOutlined, PictureOutlined, VideoCameraOutlined, FileTextOutlined, FileOutlined } from '@ant-design/icons';

const ICONS: Record<string, typeof FileOutlined> = {
  PHOTO: PictureOutlined,
  POSTER: FileImageOutlined,
  SHORT_VIDEO: VideoCameraOutlined,
  ARTICLE: FileTextOutlined,
  OTHER: FileOutlined,
};

/**
 * A work's thumbnail image when the API gives one (lazy-loaded; `alt` names what it shows), else — also when the
 * image fails to load, e.g. its URL expired — an icon for its kind (decorative: the title beside it is the name).
 * `priority` for the first thumbnails of a page, in view when it opens: loaded at once and first (the page's largest
 * paint waits for them; lazy loading would hold them until layout).
 */
export default function WorkThumb({ kind, url, alt, priority }: { kind: string; url?: string | null; alt?: string; priority?: boolean }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (url && failed !== url) {
    return <img className="thumb" src={url} alt={alt ?? ''} loading={priority ? 'eager' : 'lazy'} fetchPriority={priority ? 'high' : undefined}
      decoding="async" onError={() => setFailed(url)} />;
  }
  const Icon = ICONS[kind] ?? FileOutlined;
  return (
    <div className="thumb" aria-hidden="true" data-kind={kind}>
      <Icon />
    </div>
  );
}
