import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import WorkThumb from '../../components/WorkThumb';
import { thumbnailUrl } from '../../lib/thumbs';

const MyWorksQuery = graphql(`
  query MyWorks {
    works(filter: { mine: true }, first: 100) {
      totalCount
      edges { node { id title kind status updatedAt media { id } preview { thumbnailUrl posterUrl previewUrl mediaType } } }
    }
  }
`);

export const STATUS_COLORS: Record<string, string> = {
  DRAFT: 'default', IN_MODERATION: 'processing', PUBLISHED: 'success', REJECTED: 'error', WITHDRAWN: 'warning', ACCEPTED: 'success',
};

export default function MyWorksPage() {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: MyWorksQuery, requestPolicy: 'cache-and-network' });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('myWorks.title')}</Typography.Title>
      <Link to="/me/works/new"><Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }} data-testid="new-work">{t('myWorks.new')}</Button></Link>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !data.works.edges.length && <Empty description={t('myWorks.empty')} />}
      {data && data.works.edges.length > 0 && (
        <Table
          rowKey={(r) => r.node.id}
          dataSource={data.works.edges}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: '', width: 80, render: (_, r) => <span style={{ width: 64, display: 'inline-block' }}><WorkThumb kind={r.node.kind} url={thumbnailUrl(r.node)} alt={r.node.title} /></span> },
            { title: t('work.title'), render: (_, r) => <Link to={`/me/works/${r.node.id}`}>{r.node.title}</Link> },
            { title: t('work.kind'), render: (_, r) => t(`enum.WorkKind.${r.node.kind}`) },
            { title: t('work.status'), render: (_, r) => <Tag color={STATUS_COLORS[r.node.status]}>{t(`enum.WorkStatus.${r.node.status}`)}</Tag> },
            { title: t('work.files'), render: (_, r) => r.node.media.length },
            { title: t('work.updatedAt'), render: (_, r) => new Date(r.node.updatedAt).toLocaleString(i18n.language) },
          ]}
        />
      )}
    </div>
  );
}
