import { Collapse, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { revisionChanges } from '../../lib/scoring';

type Revision = { revision: number; total: number; submittedAt: string; items: readonly { criterion: string; value: number; comment: string }[] };

/**
 * The judge's revisions of one score, newest first, each with what changed from the one before (folded). Its own
 * chunk (antd Collapse and Timeline), loaded when an entry has a history.
 */
export default function ScoreHistory({ history, rubric }: { history: readonly Revision[]; rubric: readonly { code: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const name = (code: string) => rubric.find((c) => c.code === code)?.name ?? code;
  return (
    <Collapse size="small" style={{ marginBottom: 12 }} data-testid="judge-history" items={[{
      key: 'history',
      label: t('staff.judge.history', { count: history.length }),
      children: (
        <Timeline items={history.map((r, i) => {
          const changes = revisionChanges(r, history[i + 1]);
          return {
            key: r.revision,
            color: i === 0 ? 'blue' : 'gray',
            children: (
              <>
                <Typography.Text strong>{t('staff.judge.revisionLine', { revision: r.revision, total: Number(r.total).toFixed(1) })}</Typography.Text>
                <div><Typography.Text type="secondary">{new Date(r.submittedAt).toLocaleString(i18n.language)}</Typography.Text></div>
                {changes.length > 0 && (
                  <div>{changes.map((c) => (
                    <Tag key={c.criterion}>{name(c.criterion)} {c.from !== c.to ? `${c.from ?? '—'} → ${c.to}` : ''}{c.commentChanged ? ` ${t('staff.judge.commentChanged')}` : ''}</Tag>
                  ))}</div>
                )}
              </>
            ),
          };
        })} />
      ),
    }]} />
  );
}
