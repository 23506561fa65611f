import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Empty, List, Progress, Skeleton, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';

const JudgeContestsQuery = graphql(`
  query JudgeContests { contests { id title year judgingOpensAt judgingClosesAt timeZone } }
`);
const ProgressQuery = graphql(`
  query JudgeProgress($contestId: ID!) { myJudgingProgress(contestId: $contestId) { assigned scored remaining } }
`);

function ContestProgress({ contest }: { contest: { id: string; title: string; year: number; judgingClosesAt: string | null; timeZone: string } }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: ProgressQuery, variables: { contestId: contest.id }, requestPolicy: 'cache-and-network' });
  const p = data?.myJudgingProgress;
  if (p && p.assigned === 0) return null;
  return (
    <List.Item>
      <Card title={<Link to={`/judge/${contest.id}`} data-testid="judge-contest">{contest.year} · {contest.title}</Link>} style={{ width: '100%' }}>
        {p ? (
          <>
            <Progress percent={p.assigned ? Math.round((p.scored / p.assigned) * 100) : 0} aria-label={t('judge.progress')} />
            <Typography.Text>{t('judge.progressText', { scored: p.scored, assigned: p.assigned, remaining: p.remaining })}</Typography.Text>
          </>
        ) : <Skeleton active paragraph={false} />}
        {contest.judgingClosesAt && (
          <div><Typography.Text type="secondary">{t('judge.closes', { when: new Date(contest.judgingClosesAt).toLocaleString(i18n.language, { timeZone: contest.timeZone }) })}</Typography.Text></div>
        )}
      </Card>
    </List.Item>
  );
}

/** The judge's contests with progress; only contests with assignments are listed. */
export default function JudgeHomePage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: JudgeContestsQuery });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('judge.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !data.contests.length && <Empty />}
      <List dataSource={data?.contests ?? []} renderItem={(c) => <ContestProgress contest={c} />} />
    </div>
  );
}
