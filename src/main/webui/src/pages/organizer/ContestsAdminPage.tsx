import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';

const AdminContestsQuery = graphql(`
  query AdminContests { contests { id title year open resultsPublished submissionOpensAt submissionClosesAt timeZone } }
`);

export default function ContestsAdminPage() {
  const { t, i18n } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: AdminContestsQuery, requestPolicy: 'cache-and-network' });
  const when = (iso: string, zone: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: zone });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('organizer.contests')}</Typography.Title>
      <Link to="/organizer/contests/new"><Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 16 }}>{t('organizer.newContest')}</Button></Link>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table
        rowKey="id"
        loading={fetching && !data}
        dataSource={data?.contests ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('organizer.contestTitle'), render: (_, c) => <Link to={`/organizer/contests/${c.id}`} data-testid="admin-contest">{c.year} · {c.title}</Link> },
          { title: t('organizer.window'), render: (_, c) => `${when(c.submissionOpensAt, c.timeZone)} – ${when(c.submissionClosesAt, c.timeZone)}` },
          { title: t('work.status'), render: (_, c) => <>{c.open && <Tag color="green">{t('organizer.open')}</Tag>}{c.resultsPublished && <Tag color="gold">{t('organizer.published')}</Tag>}</> },
        ]}
      />
    </div>
  );
}
