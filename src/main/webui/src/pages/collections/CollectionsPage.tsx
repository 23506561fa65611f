import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Empty, List, Skeleton, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';

const CollectionsQuery = graphql(`
  query Collections {
    collections { id title titleEn description updatedAt works { id } }
  }
`);

export default function CollectionsPage() {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: CollectionsQuery });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('collections.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !data.collections.length && <Empty description={t('collections.empty')} />}
      <List
        grid={{ gutter: 16, xs: 1, sm: 2, md: 3 }}
        dataSource={data?.collections ?? []}
        renderItem={(c) => (
          <List.Item>
            <Card title={<Link to={`/collections/${c.id}`}>{(i18n.language === 'en-US' && c.titleEn) || c.title}</Link>}>
              <Typography.Paragraph ellipsis={{ rows: 3 }}>{c.description}</Typography.Paragraph>
              <Typography.Text type="secondary">{t('collections.count', { count: c.works.length })}</Typography.Text>
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
