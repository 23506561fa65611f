import { useQuery } from 'urql';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Skeleton, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import WorkGrid from '../../components/WorkGrid';

const CollectionQuery = graphql(`
  query Collection($id: ID!) {
    collection(id: $id) { id title titleEn description works { id title titleEn kind preview { thumbnailUrl posterUrl previewUrl mediaType } } }
  }
`);

export default function CollectionPage() {
  const { id = '' } = useParams();
  const { i18n } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: CollectionQuery, variables: { id } });
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return <Skeleton active loading={fetching} />;
  const c = data.collection;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{(i18n.language === 'en-US' && c.titleEn) || c.title}</Typography.Title>
      <Typography.Paragraph>{c.description}</Typography.Paragraph>
      <WorkGrid works={c.works} />
    </div>
  );
}
