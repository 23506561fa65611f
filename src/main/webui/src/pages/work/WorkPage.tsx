import { Suspense, useDeferredValue, useEffect, useLayoutEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, List, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorCode, errorMessage } from '../../api/client';
import { useAccess } from '../../auth/AccessContext';
import { formatBytes } from '../../lib/enums';
import WorkThumb from '../../components/WorkThumb';
import WorkLabels from '../../components/WorkLabels';
import { lazyWithAntdStyles } from '../../styles/antdStyles';
import { useImageZoom, ZoomableImage } from '../../components/ImageZoom';
import { toast } from '../../lib/toast';
import { thumbnailUrl } from '../../lib/thumbs';
import { licenceTerms } from '../../lib/licence';
import { releaseFirstScreen } from '../../lib/firstScreen';

/** The licence dialog (antd Modal and Checkbox) loads when a reader asks to download, not with the page. */
const LicenceDialog = lazyWithAntdStyles(() => import('./LicenceDialog'));

const WorkQuery = graphql(`
  query WorkPage($id: ID!) {
    work(id: $id) {
      id title titleEn description descriptionEn kind status creditLine region publishedAt tags
      licence { code title url commercialUse }
      creators { name nameEn affiliation role }
      topics { code nameZh nameEn }
      audienceLevels
      aiLabel { aiGenerated declared declaredNote detected { kind producer } }
      brand { id name nameEn }
      previews { mediaType thumbnailUrl previewUrl largeUrl posterUrl width height durationSeconds }
      media {
        id fileName mimeType sizeBytes width height durationSeconds
        renditions { kind status }
      }
    }
  }
`);

const RelatedQuery = graphql(`
  query RelatedWorks($id: ID!) {
    relatedWorks(id: $id, first: 6) { id title titleEn kind preview { thumbnailUrl posterUrl previewUrl mediaType } }
  }
`);

export const DownloadUrlMutation = graphql(`
  mutation DownloadUrl($assetId: ID!, $rendition: RenditionKind, $acceptLicence: Licence) {
    downloadUrl(assetId: $assetId, rendition: $rendition, acceptLicence: $acceptLicence) {
      url fileName contentType expiresAt creditLine licence { code title }
    }
  }
`);

type Rendition = { kind: string; status: string };

/** A short-lived URL for a ready rendition of an asset (preview or poster), fetched when the page shows. */
export function useRenditionUrl(assetId: string | undefined, renditions: Rendition[] | undefined, kind: 'PREVIEW' | 'POSTER' | 'THUMBNAIL') {
  const [, download] = useMutation(DownloadUrlMutation);
  const [url, setUrl] = useState<string | null>(null);
  const ready = !!renditions?.some((r) => r.kind === kind && r.status === 'READY');
  useEffect(() => {
    if (!assetId || !ready) return;
    let live = true;
    void download({ assetId, rendition: kind }).then((r) => live && setUrl(r.data?.downloadUrl.url ?? null));
    return () => { live = false; };
  }, [assetId, ready, kind, download]);
  return url;
}

export default function WorkPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { access } = useAccess();
  const [{ data: answer, fetching, error }] = useQuery({ query: WorkQuery, variables: { id } });
  // The page renders from the answer in a background, interruptible render (no long task when the answer arrives).
  const data = useDeferredValue(answer);
  const [{ data: related }] = useQuery({ query: RelatedQuery, variables: { id }, pause: !data });
  const [, download] = useMutation(DownloadUrlMutation);
  const [licenceOpen, setLicenceOpen] = useState(false);
  const work = data?.work;
  const asset = work?.media[0];
  const previews = work?.previews ?? [];
  // The service's first screen (index.html's boot shell) gives way once this page shows the work or an error, in
  // the same frame (layout effect: before the browser paints this render).
  useLayoutEffect(() => { if (work || error) releaseFirstScreen(); }, [work, error]);
  const zoom = useImageZoom(previews.filter((p) => p.mediaType !== 'VIDEO' && (p.previewUrl ?? p.thumbnailUrl)).map((p) => p.largeUrl ?? p.previewUrl ?? p.thumbnailUrl ?? ''));

  if (error) {
    return errorCode(error) === 'NOT_FOUND'
      ? <section className="notice"><h1>{t('work.notFound')}</h1><Link to="/">{t('nav.search')}</Link></section>
      : <Alert type="error" showIcon message={errorMessage(error)} />;
  }
  if (!work) return <Skeleton active loading={fetching || !!answer} />;

  /** Downloads the original under the accepted licence; the error message when it is refused. */
  async function downloadOriginal(): Promise<string | null> {
    if (!asset || !work) return null;
    const r = await download({ assetId: asset.id, acceptLicence: work.licence.code });
    if (r.error || !r.data) return errorMessage(r.error);
    setLicenceOpen(false);
    toast('success', t('work.downloadStarted'));
    const a = document.createElement('a');
    a.href = r.data.downloadUrl.url;
    a.download = r.data.downloadUrl.fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return null;
  }

  const title = (en && work.titleEn) || work.title;
  const description = (en && work.descriptionEn) || work.description;
  return (
    <article>
      <Typography.Title level={1} style={{ fontSize: 26 }}>{title}</Typography.Title>
      {en && work.titleEn && <Typography.Text type="secondary" lang="zh-CN">{work.title}</Typography.Text>}
      <div className="judge-layout" style={{ marginTop: 16 }}>
        <Card styles={{ body: { padding: 0 } }}>
          {!previews.length && <WorkThumb kind={work.kind} />}
          {/* Images open in a zoomable viewer at 2560 px (LARGE); videos play the web preview (H.264, at most 720p). */}
          {(() => {
            let image = 0;
            return previews.map((p, i) => {
              const label = previews.length > 1 ? `${title} (${i + 1}/${previews.length})` : title;
              if (p.mediaType === 'VIDEO') {
                return p.previewUrl ? (
                  <video key={i} controls preload="metadata" poster={p.posterUrl ?? undefined} src={p.previewUrl}
                    style={{ width: '100%', display: 'block' }} aria-label={t('work.videoPlayer', { title: label })} data-testid="work-video" />
                ) : (
                  <div key={i}>
                    <WorkThumb kind={work.kind} url={p.posterUrl} alt={label} />
                    <Typography.Text type="secondary" style={{ padding: 8, display: 'block' }}>{t('library.work.videoPreparing')}</Typography.Text>
                  </div>
                );
              }
              const src = p.previewUrl ?? p.thumbnailUrl;
              if (!src) return <WorkThumb key={i} kind={work.kind} alt={label} />;
              const n = image++;
              return <ZoomableImage key={i} src={src} alt={label} hint={t('library.work.zoom')} onZoom={() => zoom.open(n)} testId="work-image"
                imgProps={{ width: p.width ?? undefined, height: p.height ?? undefined, fetchPriority: i === 0 ? 'high' : undefined }} />;
            });
          })()}
          {zoom.viewer}
        </Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small" title={t('work.credit')}>
            <Typography.Paragraph copyable={{ text: work.creditLine, tooltips: [t('work.copy'), t('work.copied')] }} data-testid="credit-line" style={{ margin: 0 }}>
              {work.creditLine}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('work.licence')}>
            <Typography.Paragraph style={{ margin: 0 }}>
              <Tag color="blue">{t(`enum.Licence.${work.licence.code}`)}</Tag>
              {work.licence.url && <a className="text-link" href={work.licence.url} target="_blank" rel="noopener noreferrer">{work.licence.title}</a>}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{work.licence.commercialUse ? t('work.commercialYes') : t('work.commercialNo')}</Typography.Text>
            <ul className="licence-terms" data-testid="licence-terms" style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
              {licenceTerms(work.licence.code).map((term) => <li key={term}>{t(`library.terms.${term}`, { credit: work.creditLine })}</li>)}
            </ul>
          </Card>
          {(work.aiLabel.aiGenerated || work.audienceLevels.length > 0 || work.brand) && (
            <Card size="small" title={t('library.work.labels')}>
              <Space size={4} wrap><WorkLabels work={work} /></Space>
              {work.aiLabel.aiGenerated && (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="ai-details">
                  {work.aiLabel.declared && work.aiLabel.declared !== 'NONE' && t(`library.aiUse.${work.aiLabel.declared}`)}
                  {work.aiLabel.declaredNote && `（${work.aiLabel.declaredNote}）`}
                  {work.aiLabel.detected.length > 0 && ` ${t('library.ai.detected', { producers: [...new Set(work.aiLabel.detected.map((d) => d.producer ?? d.kind))].join('、') })}`}
                </Typography.Paragraph>
              )}
            </Card>
          )}
          {asset && (
            <Card size="small" title={t('work.file')}>
              <Typography.Paragraph style={{ margin: 0 }}>
                {asset.mimeType} · {formatBytes(asset.sizeBytes)}
                {asset.width ? ` · ${asset.width}×${asset.height}` : ''}
                {asset.durationSeconds ? ` · ${Math.round(asset.durationSeconds)} s` : ''}
              </Typography.Paragraph>
              {access.canDownloadOriginals ? (
                <Button type="primary" icon={<DownloadOutlined />} style={{ marginTop: 8 }} onClick={() => setLicenceOpen(true)} data-testid="download-original">
                  {t('work.downloadOriginal')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('work.downloadOutletsOnly')}</Typography.Text>
              )}
            </Card>
          )}
        </Space>
      </div>
      <Descriptions column={{ xs: 1, sm: 2 }} style={{ marginTop: 16 }} bordered size="small">
        <Descriptions.Item label={t('work.kind')}>{t(`enum.WorkKind.${work.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('work.region')}>{t(`enum.Region.${work.region}`)}</Descriptions.Item>
        <Descriptions.Item label={t('work.creators')}>
          {work.creators.map((c) => `${(en && c.nameEn) || c.name}${c.affiliation ? `（${c.affiliation}）` : ''}`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('work.topics')}>{work.topics.map((tp) => (en ? tp.nameEn : tp.nameZh)).join('、')}</Descriptions.Item>
        {work.publishedAt && <Descriptions.Item label={t('work.publishedAt')}>{new Date(work.publishedAt).toLocaleDateString(i18n.language)}</Descriptions.Item>}
        {work.tags.length > 0 && <Descriptions.Item label={t('work.tags')}>{work.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{description}</Typography.Paragraph>
      {!!related?.relatedWorks.length && (
        <section aria-labelledby="related-h">
          <Typography.Title level={2} id="related-h" style={{ fontSize: 18 }}>{t('work.related')}</Typography.Title>
          <List
            grid={{ gutter: 12, xs: 2, sm: 3, md: 6 }}
            dataSource={related.relatedWorks}
            renderItem={(w) => (
              <List.Item>
                <Link to={`/works/${w.id}`}>
                  <WorkThumb kind={w.kind} url={thumbnailUrl(w)} alt={(en && w.titleEn) || w.title} />
                  <div>{(en && w.titleEn) || w.title}</div>
                </Link>
              </List.Item>
            )}
          />
        </section>
      )}
      {licenceOpen && (
        <Suspense fallback={null}>
          <LicenceDialog licence={work.licence} creditLine={work.creditLine} onDownload={downloadOriginal} onClose={() => setLicenceOpen(false)} />
        </Suspense>
      )}
    </article>
  );
}
