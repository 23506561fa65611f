import { FileImageOutlined, PictureOutlined, VideoCameraOutlined, FileTextOutlined, FileOutlined } from '@ant-design/icons';

const ICONS: Record<string, typeof FileOutlined> = {
  PHOTO: PictureOutlined,
  POSTER: FileImageOutlined,
  SHORT_VIDEO: VideoCameraOutlined,
  ARTICLE: FileTextOutlined,
  OTHER: FileOutlined,
};

/** A work's thumbnail image when the API gives one, else an icon for its kind (decorative: the title is the name). */
export default function WorkThumb({ kind, url, alt }: { kind: string; url?: string | null; alt?: string }) {
  if (url) return <img className="thumb" src={url} alt={alt ?? ''} loading="lazy" decoding="async" />;
  const Icon = ICONS[kind] ?? FileOutlined;
  return (
    <div className="thumb" aria-hidden="true">
      <Icon />
    </div>
  );
}
