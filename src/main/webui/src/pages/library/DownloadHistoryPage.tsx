import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import WorkThumb from '../../components/WorkThumb';
import { thumbnailUrl } from '../../lib/thumbs';
import { groupDownloads } from '../../lib/downloads';

const MyDownloadsQuery = graphql(`
  query MyDownloads($first: Int, $after: String) {
    myDownloads(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id workId assetId licence downloadedAt bulkDownloadId
          work { id title titleEn kind creditLine preview { thumbnailUrl posterUrl previewUrl mediaType } }
        }
      }
    }
  }
`);

const PAGE = 50;

/** One page of the history; the next page loads below it when asked for. */
function DownloadsPage({ after, isLast, onMore }: { after: string | null; isLast: boolean; onMore: (cursor: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const [{ data, fetching, error }] = useQuery({ query: MyDownloadsQuery, variables: { first: PAGE, after }, requestPolicy: 'cache-and-network' });
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return <Skeleton active loading={fetching} />;
  const conn = data.myDownloads;
  if (!after && !conn.edges.length) return <Empty description={t('library.downloads.empty')} />;
  const rows = groupDownloads(conn.edges.map((e) => e.node));
  return (
    <>
      {!after && <Typography.Paragraph data-testid="downloads-total">{t('library.downloads.total', { count: conn.totalCount })}</Typography.Paragraph>}
      <Table
        rowKey="key"
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        size="small"
        showHeader={!after}
        columns={[
          {
            title: t('library.downloads.when'), width: 180,
            render: (_, r) => new Date(r.downloadedAt).toLocaleString(i18n.language),
          },
          {
            title: t('library.downloads.work'),
            render: (_, r) => r.work ? (
              <Space>
                <span style={{ width: 64, display: 'inline-block' }}>
                  <WorkThumb kind={r.work.kind} url={thumbnailUrl(r.work)} alt={(en && r.work.titleEn) || r.work.title} />
                </span>
                <Link to={`/works/${r.work.id}`}>{(en && r.work.titleEn) || r.work.title}</Link>
                {r.files > 1 && <Tag>{t('library.downloads.files', { count: r.files })}</Tag>}
              </Space>
            ) : <Typography.Text type="secondary">{t('library.downloads.gone')}</Typography.Text>,
          },
          { title: t('work.licence'), render: (_, r) => <Tag color="blue">{t(`enum.Licence.${r.licence}`)}</Tag> },
          { title: t('work.credit'), render: (_, r) => r.work?.creditLine ?? '' },
          {
            title: t('library.downloads.how'),
            render: (_, r) => r.bulkDownloadId ? <Tag color="purple">{t('library.downloads.zip')}</Tag> : <Tag>{t('library.downloads.single')}</Tag>,
          },
        ]}
      />
      {isLast && conn.pageInfo.hasNextPage && conn.pageInfo.endCursor && (
        <Button style={{ marginTop: 12 }} onClick={() => onMore(conn.pageInfo.endCursor!)}>{t('library.downloads.more')}</Button>
      )}
    </>
  );
}

/** A media outlet's own download history: every original or ZIP it took, with the licence and credit line it took it under. */
export default function DownloadHistoryPage() {
  const { t } = useTranslation();
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('library.downloads.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.downloads.intro')}</Typography.Paragraph>
      {pages.map((after, i) => (
        <DownloadsPage key={after ?? 'first'} after={after} isLast={i === pages.length - 1} onMore={(c) => setPages((p) => [...p, c])} />
      ))}
    </div>
  );
}
