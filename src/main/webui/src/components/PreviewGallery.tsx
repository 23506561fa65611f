import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration, shownAs, type PreviewLike } from '../lib/preview';
import WorkThumb from './WorkThumb';
import { useImageZoom, ZoomableImage } from './ImageZoom';

/**
 * A work's files as the staff screens show them: images with zoom (antd's image viewer into the LARGE rendition,
 * loaded on first use; the image is a button, so Enter and Space open it too), videos in the browser's player with the poster frame. Only the blind-safe
 * URLs the API hands out are used, so nothing here can name the entrant.
 */
export default function PreviewGallery({ previews, kind, title, testId }: { previews: readonly PreviewLike[]; kind: string; title: string; testId?: string }) {
  const { t } = useTranslation();
  const shown = previews.map(shownAs);
  const images = shown.flatMap((s) => (s.type === 'image' ? [s.zoomSrc] : []));
  const zoom = useImageZoom(images);
  if (!previews.length) return <div data-testid={testId}><WorkThumb kind={kind} /></div>;
  return (
    <div data-testid={testId}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {previews.map((p, i) => {
          const s = shown[i];
          const label = previews.length > 1 ? `${title} (${i + 1}/${previews.length})` : title;
          const facts = [p.width && p.height ? `${p.width}×${p.height}` : '', formatDuration(p.durationSeconds)].filter(Boolean).join(' · ');
          return (
            <div key={i}>
              {s.type === 'image' && (
                <ZoomableImage src={s.src} alt={label} hint={t('staff.preview.zoom')} testId="preview-image"
                  onZoom={() => zoom.open(images.indexOf(s.zoomSrc))}
                  imgProps={{ style: { maxHeight: 520, objectFit: 'contain' } }} />
              )}
              {s.type === 'video' && (
                // eslint-disable-next-line jsx-a11y/media-has-caption -- entries carry no caption track
                <video controls preload="metadata" src={s.src} poster={s.poster ?? undefined}
                  style={{ width: '100%', maxHeight: 520, display: 'block', background: '#000' }}
                  aria-label={t('staff.preview.video', { title: label })} data-testid="preview-video" />
              )}
              {s.type === 'pending' && (
                <Space direction="vertical">
                  <WorkThumb kind={kind} url={s.thumbnail} alt={label} />
                  <Tag>{t('staff.preview.pending')}</Tag>
                </Space>
              )}
              {facts && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{facts}</Typography.Text>}
            </div>
          );
        })}
      </Space>
      {zoom.viewer}
    </div>
  );
}
