import { useQuery } from 'urql';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import WorkGrid from '../../components/WorkGrid';
import { AWARD_TIERS } from '../../lib/enums';

const ContestsQuery = graphql(`
  query PublicContests {
    contests { id title year resultsPublished }
  }
`);

const AwardsQuery = graphql(`
  query ContestAwards($contestId: ID!) {
    contestAwards(contestId: $contestId) { tier tierName work { id title titleEn kind preview { thumbnailUrl posterUrl previewUrl mediaType } } }
  }
`);

/** Award winners by contest, grouped by tier (the public sees tiers, never scores). */
export default function AwardsPage() {
  const { contestId } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [{ data: contests, error: contestsError }] = useQuery({ query: ContestsQuery });
  const published = contests?.contests.filter((c) => c.resultsPublished) ?? [];
  const chosen = contestId ?? published[0]?.id;
  const [{ data, fetching, error }] = useQuery({ query: AwardsQuery, variables: { contestId: chosen ?? '' }, pause: !chosen });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('awards.title')}</Typography.Title>
      {(contestsError || error) && <Alert type="error" showIcon message={errorMessage(contestsError ?? error)} />}
      {contests && !published.length && <Empty description={t('awards.none')} />}
      {published.length > 0 && (
        <Space style={{ marginBottom: 16 }}>
          <label htmlFor="award-contest">{t('awards.contest')}</label>
          <Select
            id="award-contest"
            style={{ minWidth: 280 }}
            value={chosen}
            onChange={(v) => navigate(`/awards/${v}`)}
            options={published.map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))}
          />
        </Space>
      )}
      {fetching && !data && <Skeleton active />}
      {data && !data.contestAwards.length && <Empty description={t('awards.empty')} />}
      {data && AWARD_TIERS.map((tier) => {
        const works = data.contestAwards.filter((a) => a.tier === tier);
        if (!works.length) return null;
        return (
          <section key={tier} style={{ marginBottom: 24 }} aria-labelledby={`tier-${tier}`}>
            <Typography.Title level={2} id={`tier-${tier}`} style={{ fontSize: 18 }}>{t(`enum.AwardTier.${tier}`)}</Typography.Title>
            <WorkGrid works={works.map((a) => a.work)} extra={() => <Tag color="gold">{t(`enum.AwardTier.${tier}`)}</Tag>} />
          </section>
        );
      })}
    </div>
  );
}
