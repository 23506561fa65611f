import { Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration, shownAs, type PreviewLike } from '../lib/preview';
import WorkThumb from './WorkThumb';

/**
 * A work's files as the staff screens show them: images with zoom (antd Image preview into the LARGE rendition, also
 * by keyboard: Enter on the focused image), videos in the browser's player with the poster frame. Only the blind-safe
 * URLs the API hands out are used, so nothing here can name the entrant.
 */
export default function PreviewGallery({ previews, kind, title, testId }: { previews: readonly PreviewLike[]; kind: string; title: string; testId?: string }) {
  const { t } = useTranslation();
  if (!previews.length) return <div data-testid={testId}><WorkThumb kind={kind} /></div>;
  return (
    <div data-testid={testId}>
      <Image.PreviewGroup>
        <Space direction="vertical" style={{ width: '100%' }}>
          {previews.map((p, i) => {
            const shown = shownAs(p);
            const label = previews.length > 1 ? `${title} (${i + 1}/${previews.length})` : title;
            const facts = [p.width && p.height ? `${p.width}×${p.height}` : '', formatDuration(p.durationSeconds)].filter(Boolean).join(' · ');
            return (
              <div key={i}>
                {shown.type === 'image' && (
                  <Image src={shown.src} alt={label} width="100%" style={{ maxHeight: 520, objectFit: 'contain' }}
                    preview={{ src: shown.zoomSrc }} data-testid="preview-image"
                    tabIndex={0} title={t('staff.preview.zoom')}
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      (e.currentTarget as HTMLElement).click();
                    }} />
                )}
                {shown.type === 'video' && (
                  // eslint-disable-next-line jsx-a11y/media-has-caption -- entries carry no caption track
                  <video controls preload="metadata" src={shown.src} poster={shown.poster ?? undefined}
                    style={{ width: '100%', maxHeight: 520, display: 'block', background: '#000' }}
                    aria-label={t('staff.preview.video', { title: label })} data-testid="preview-video" />
                )}
                {shown.type === 'pending' && (
                  <Space direction="vertical">
                    <WorkThumb kind={kind} url={shown.thumbnail} alt={label} />
                    <Tag>{t('staff.preview.pending')}</Tag>
                  </Space>
                )}
                {facts && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{facts}</Typography.Text>}
              </div>
            );
          })}
        </Space>
      </Image.PreviewGroup>
    </div>
  );
}
