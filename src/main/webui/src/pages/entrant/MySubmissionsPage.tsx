import { useMutation, useQuery, useSubscription } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import { STATUS_COLORS } from './MyWorksPage';

const MySubmissionsQuery = graphql(`
  query MySubmissions {
    mySubmissions {
      id status entryCode categoryName contestId submittedAt updatedAt
      moderation { decision reasonCode note decidedAt stage }
      award { tier nameZh }
      work { id title }
    }
  }
`);
const StatusSubscription = graphql(`
  subscription SubmissionStatusChanged {
    submissionStatusChanged { id status updatedAt moderation { decision reasonCode note decidedAt stage } award { tier nameZh } }
  }
`);
const WithdrawMutation = graphql(`
  mutation Withdraw($id: ID!) { withdrawSubmission(id: $id) { id status } }
`);

/** The entrant's entries with live status (graphql-ws), moderation decisions in plain words, and awards. */
export default function MySubmissionsPage() {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MySubmissionsQuery, requestPolicy: 'cache-and-network' });
  useSubscription({ query: StatusSubscription }, (_prev, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });
  const [, withdraw] = useMutation(WithdrawMutation);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('mySubmissions.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !data.mySubmissions.length && <Empty description={t('mySubmissions.empty')} />}
      {data && data.mySubmissions.length > 0 && (
        <Table
          rowKey="id"
          dataSource={data.mySubmissions}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('work.title'), render: (_, s) => <Link to={`/me/works/${s.work.id}`}>{s.work.title}</Link> },
            { title: t('submit.category'), dataIndex: 'categoryName' },
            { title: t('mySubmissions.code'), dataIndex: 'entryCode' },
            {
              title: t('work.status'),
              render: (_, s) => <Tag color={STATUS_COLORS[s.status]} data-testid="submission-status">{t(`enum.SubmissionStatus.${s.status}`)}</Tag>,
            },
            {
              title: t('mySubmissions.moderation'),
              render: (_, s) => s.moderation ? (
                <span>
                  {t(`enum.Decision.${s.moderation.decision}`)} · {t(`enum.ReasonCode.${s.moderation.reasonCode}`)}
                  {s.moderation.note && <><br /><Typography.Text type="secondary">{s.moderation.note}</Typography.Text></>}
                  {s.moderation.decision === 'REJECT' && <><br /><Typography.Text>{t('mySubmissions.whatNext')}</Typography.Text></>}
                </span>
              ) : t('mySubmissions.waiting'),
            },
            { title: t('mySubmissions.award'), render: (_, s) => s.award ? <Tag color="gold">{t(`enum.AwardTier.${s.award.tier}`)}</Tag> : '—' },
            { title: t('mySubmissions.submittedAt'), render: (_, s) => new Date(s.submittedAt).toLocaleString(i18n.language) },
            {
              title: '',
              render: (_, s) => s.status !== 'WITHDRAWN' && !s.award && (
                <Popconfirm title={t('mySubmissions.withdrawConfirm')} onConfirm={() => void withdraw({ id: s.id }).then(() => refetch({ requestPolicy: 'network-only' }))}>
                  <Button size="small" danger>{t('mySubmissions.withdraw')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
