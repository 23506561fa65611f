import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation, useQuery, type Client, type CombinedError, type OperationResult } from 'urql';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MinusCircleOutlined, PlusOutlined, DownloadOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import type { AggregationMethod, AwardTier, ContestPanelQuery, PanelJudgeInput } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { getToken } from '../../auth/session';
import { AWARD_TIERS } from '../../lib/enums';
import withApp from '../../components/withApp';
import AccountPicker from '../../components/AccountPicker';
import AuditEventsTable from '../../components/AuditEventsTable';
import { CONTEST_AUDIT_ACTIONS, auditActionLabel } from '../../lib/audit';
import { useReaderLanguageContext } from '../../lib/readerLanguage';
import { withJudge, withoutJudge } from '../../lib/panel';
import { endSubmissionsNow, phase, scheduleProblems, type Schedule } from '../../lib/schedule';

const ContestAdminQuery = graphql(`
  query ContestAdmin($id: ID!) {
    contest(id: $id) {
      id title year theme description open resultsPublished timeZone entryLimit
      submissionOpensAt submissionClosesAt judgingOpensAt judgingClosesAt requiredDeclarations
      categories { code name acceptedKinds mimeTypes maxDurationSeconds minWidth minHeight }
      rubric { code name scaleMax weight }
      rounds { id number name judgesPerEntry shortlistSize }
    }
  }
`);
const PanelQuery = graphql(`
  query ContestPanel($id: ID!, $first: Int, $after: String) {
    contest(id: $id) {
      id
      judgePanel(first: $first, after: $after) {
        edges { node { judgeId categoryCodes maxLoad judge { id displayName organization } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);
const SetPanelMutation = graphql(`
  mutation SetJudgePanel($contestId: ID!, $judges: [PanelJudgeInput!]!) { setJudgePanel(contestId: $contestId, judges: $judges) }
`);
const AutoAssignMutation = graphql(`
  mutation AutoAssign($roundId: ID!) { autoAssign(roundId: $roundId) { added minLoad maxLoad understaffedSubmissionIds } }
`);
const RoundResultsQuery = graphql(`
  query RoundResults($roundId: ID!, $method: AggregationMethod) {
    roundResults(roundId: $roundId, method: $method) {
      rank score mean median spread judgeCount disagreement
      entry { id entryCode categoryName award { tier } work { id title } }
    }
  }
`);
const AssignAwardMutation = graphql(`
  mutation AssignAward($submissionId: ID!, $tier: AwardTier) { assignAward(submissionId: $submissionId, tier: $tier) { id award { tier } } }
`);
const ShortlistMutation = graphql(`
  mutation Shortlist($roundId: ID!, $method: AggregationMethod) { shortlist(roundId: $roundId, method: $method) { rank } }
`);
const PublishMutation = graphql(`
  mutation PublishResults($contestId: ID!) { publishResults(contestId: $contestId) { tier work { id title } } }
`);
const RescheduleMutation = graphql(`
  mutation RescheduleContest($id: ID!, $schedule: ContestScheduleInput!) {
    rescheduleContest(id: $id, schedule: $schedule) { id open submissionOpensAt submissionClosesAt judgingOpensAt judgingClosesAt }
  }
`);
const UnpublishResultsMutation = graphql(`
  mutation UnpublishResults($contestId: ID!, $reason: String!) { unpublishResults(contestId: $contestId, reason: $reason) { id resultsPublished } }
`);
const AuditQuery = graphql(`
  query AuditLog($contestId: ID!, $before: BigInteger, $action: String, $first: Int) {
    auditLog(contestId: $contestId, first: $first, before: $before, action: $action) { seq at actor action entityType entityId detail }
  }
`);

/** Downloads an export that needs the bearer token (CSV of results, jury ZIP) through fetch and a blob link. */
async function downloadWithToken(url: string, fileName: string) {
  const token = getToken();
  const r = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!r.ok) throw new Error(`${r.status}`);
  const href = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

const PANEL_PAGE = 100;

/** The whole current panel (setJudgePanel replaces it, so edits start from all of it), following the pages. */
async function loadPanel(client: Client, contestId: string): Promise<PanelRow[]> {
  const rows: PanelRow[] = [];
  let after: string | null = null;
  do {
    const r: OperationResult<ContestPanelQuery> = await client.query(PanelQuery, { id: contestId, first: PANEL_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
    if (r.error) throw r.error;
    const panel: ContestPanelQuery['contest']['judgePanel'] = r.data?.contest.judgePanel ?? null;
    if (!panel) break;
    rows.push(...panel.edges.map((e) => e.node));
    after = panel.pageInfo.hasNextPage ? panel.pageInfo.endCursor ?? null : null;
  } while (after);
  return rows;
}

type PanelRow = { judgeId: string; categoryCodes: string[]; maxLoad?: number | null; judge: { id: string; displayName: string; organization?: string | null } };

function PanelTab({ contestId, categories }: { contestId: string; categories: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const [panel, setPanelRows] = useState<PanelRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [{ fetching }, setPanel] = useMutation(SetPanelMutation);
  const [form] = Form.useForm<{ judgeId: string; categoryCodes?: string[]; maxLoad?: number | null }>();
  const reload = useCallback(() => {
    loadPanel(client, contestId).then((rows) => { setPanelRows(rows); setLoadError(null); }, (e: unknown) => setLoadError(errorMessage(e as CombinedError)));
  }, [client, contestId]);
  useEffect(reload, [reload]);

  async function save(judges: PanelJudgeInput[], done: string) {
    const r = await setPanel({ contestId, judges });
    if (r.error) { message.error(errorMessage(r.error)); return false; }
    message.success(done);
    reload();
    return true;
  }
  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('organizer.panelCurrent')}</Typography.Title>
      {loadError && <Alert type="error" showIcon message={loadError} />}
      <Table rowKey="judgeId" loading={panel === null && !loadError} dataSource={panel ?? []} pagination={false} size="small" scroll={{ x: true }}
        data-testid="panel-table" locale={{ emptyText: t('organizer.panelEmpty') }}
        columns={[
          { title: t('organizer.panelJudge'), render: (_, j) => <span data-testid="panel-judge">{j.judge.displayName}</span> },
          { title: t('organizer.panelOrganization'), render: (_, j) => j.judge.organization ?? '—' },
          { title: t('organizer.categoriesCovered'), render: (_, j) => (j.categoryCodes.length ? j.categoryCodes.map((c) => <Tag key={c}>{categoryName(c)}</Tag>) : t('organizer.allCategories')) },
          { title: t('organizer.maxLoad'), render: (_, j) => j.maxLoad ?? t('organizer.noLimit') },
          {
            title: t('staff.works.actions'), render: (_, j) => (
              <Popconfirm title={t('organizer.removeJudgeConfirm', { name: j.judge.displayName })}
                onConfirm={() => panel && void save(withoutJudge(panel, j.judgeId), t('organizer.judgeRemoved'))}>
                <Button size="small" danger icon={<MinusCircleOutlined />} aria-label={`${t('organizer.remove')} ${j.judge.displayName}`}>{t('organizer.remove')}</Button>
              </Popconfirm>
            ),
          },
        ]} />
      <Card size="small" title={t('organizer.addJudge')}>
        <Typography.Paragraph type="secondary">{t('organizer.panelHint')}</Typography.Paragraph>
        <Form form={form} name="panel" layout="vertical" onFinish={async (v) => {
          if (!panel) return;
          const ok = await save(withJudge(panel, { judgeId: v.judgeId, categoryCodes: v.categoryCodes ?? [], maxLoad: v.maxLoad ?? null }), t('organizer.judgeAdded'));
          if (ok) form.resetFields();
        }}>
          <Space wrap align="start">
            <Form.Item name="judgeId" label={t('organizer.panelJudge')} rules={[{ required: true, message: t('form.required') }]}>
              <AccountPicker role="JUDGE" style={{ width: 360 }} />
            </Form.Item>
            <Form.Item name="categoryCodes" label={t('organizer.categoriesCovered')}>
              <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('organizer.allCategories')}
                options={categories.map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
            <Form.Item name="maxLoad" label={t('organizer.maxLoad')}><InputNumber min={1} placeholder={t('organizer.noLimit')} /></Form.Item>
            <Form.Item label={<span aria-hidden>&nbsp;</span>} colon={false}>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={fetching} disabled={!panel} data-testid="panel-add">{t('organizer.panelAdd')}</Button>
            </Form.Item>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

function AssignTab({ rounds }: { rounds: { id: string; name: string; number: number; judgesPerEntry: number }[] }) {
  const { t } = useTranslation();
  const [roundId, setRoundId] = useState(rounds[0]?.id);
  const [{ data, fetching, error }, autoAssign] = useMutation(AutoAssignMutation);
  const plan = data?.autoAssign;
  const round = rounds.find((r) => r.id === roundId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="assign-round">{t('organizer.round')}</label>
        <Select id="assign-round" value={roundId} onChange={setRoundId} style={{ minWidth: 200 }} options={rounds.map((r) => ({ value: r.id, label: `${r.number}. ${r.name}` }))} />
        <Button type="primary" loading={fetching} onClick={() => roundId && void autoAssign({ roundId })} data-testid="auto-assign">{t('organizer.autoAssign')}</Button>
      </Space>
      {round && <Typography.Text type="secondary">{t('organizer.assignRule', { n: round.judgesPerEntry })}</Typography.Text>}
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {plan && (
        <Descriptions bordered size="small" column={1} data-testid="assign-plan">
          <Descriptions.Item label={t('organizer.added')}>{plan.added}</Descriptions.Item>
          <Descriptions.Item label={t('organizer.load')}>{plan.minLoad} – {plan.maxLoad}</Descriptions.Item>
          <Descriptions.Item label={t('organizer.understaffed')}>
            {plan.understaffedSubmissionIds.length ? <Tag color="red">{plan.understaffedSubmissionIds.length}</Tag> : <Tag color="green">0</Tag>}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

function ResultsTab({ rounds }: { rounds: { id: string; name: string; number: number; shortlistSize: number | null }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [roundId, setRoundId] = useState(rounds[0]?.id);
  const [method, setMethod] = useState<AggregationMethod>('WEIGHTED_MEAN');
  const [{ data, fetching, error }, refetch] = useQuery({ query: RoundResultsQuery, variables: { roundId: roundId ?? '', method }, pause: !roundId, requestPolicy: 'network-only' });
  const [, assignAward] = useMutation(AssignAwardMutation);
  const [{ fetching: shortlisting }, shortlist] = useMutation(ShortlistMutation);
  const round = rounds.find((r) => r.id === roundId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="results-round">{t('organizer.round')}</label>
        <Select id="results-round" value={roundId} onChange={setRoundId} style={{ minWidth: 200 }} options={rounds.map((r) => ({ value: r.id, label: `${r.number}. ${r.name}` }))} />
        <label htmlFor="results-method">{t('organizer.method')}</label>
        <Select id="results-method" value={method} onChange={setMethod} style={{ minWidth: 200 }}
          options={(['WEIGHTED_MEAN', 'MEDIAN', 'Z_SCORE'] as const).map((m) => ({ value: m, label: t(`enum.AggregationMethod.${m}`) }))} />
        {round?.shortlistSize && (
          <Popconfirm title={t('organizer.shortlistConfirm', { n: round.shortlistSize })} onConfirm={async () => {
            const r = await shortlist({ roundId: round.id, method });
            if (r.error) message.error(errorMessage(r.error)); else message.success(t('organizer.shortlisted'));
          }}>
            <Button loading={shortlisting}>{t('organizer.shortlist')}</Button>
          </Popconfirm>
        )}
        {roundId && (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadWithToken(`/api/rounds/${roundId}/results.csv?method=${method}`, `results-${roundId}.csv`).catch((e) => message.error(String(e)))}>
            {t('organizer.exportCsv')}
          </Button>
        )}
        {roundId && (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadWithToken(`/api/rounds/${roundId}/entries.zip`, `entries-${roundId}.zip`).catch((e) => message.error(String(e)))}>
            {t('organizer.exportZip')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table
        rowKey={(r) => r.entry.id}
        loading={fetching}
        dataSource={data?.roundResults ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('organizer.rank'), dataIndex: 'rank' },
          { title: t('mySubmissions.code'), render: (_, r) => r.entry.entryCode },
          { title: t('work.title'), render: (_, r) => r.entry.work.title },
          { title: t('organizer.score'), render: (_, r) => r.score.toFixed(1) },
          { title: t('organizer.mean'), render: (_, r) => r.mean.toFixed(1) },
          { title: t('organizer.median'), render: (_, r) => r.median.toFixed(1) },
          { title: t('organizer.spread'), render: (_, r) => <>{r.spread.toFixed(1)} {r.disagreement && <Tag color="orange">{t('organizer.disagreement')}</Tag>}</> },
          { title: t('organizer.judges'), dataIndex: 'judgeCount' },
          {
            title: t('mySubmissions.award'),
            render: (_, r) => (
              <Select<AwardTier | 'NONE'> size="small" style={{ width: 130 }} value={r.entry.award?.tier ?? 'NONE'} aria-label={t('organizer.awardFor', { code: r.entry.entryCode })}
                data-testid={`award-${r.entry.entryCode}`}
                onChange={async (tier) => {
                  const res = await assignAward({ submissionId: r.entry.id, tier: tier === 'NONE' ? null : tier });
                  if (res.error) message.error(errorMessage(res.error)); else refetch({ requestPolicy: 'network-only' });
                }}
                options={[{ value: 'NONE', label: '—' }, ...AWARD_TIERS.map((a) => ({ value: a, label: t(`enum.AwardTier.${a}`) }))]} />
            ),
          },
        ]}
      />
    </Space>
  );
}

type ContestSchedule = Schedule & { id: string; timeZone: string };

function ScheduleTab({ contest, onChanged }: { contest: ContestSchedule; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [{ fetching }, reschedule] = useMutation(RescheduleMutation);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: contest.timeZone }) : '—');
  async function send(schedule: Schedule, done: string) {
    const problems = scheduleProblems(schedule);
    if (problems.length) {
      message.error(problems.map((p) => t(`staff.organizer.problem.${p}`)).join(t('app.listSeparator')));
      return;
    }
    const r = await reschedule({ id: contest.id, schedule });
    if (r.error) message.error(errorMessage(r.error));
    else { message.success(done); onChanged(); }
  }
  const ending = endSubmissionsNow(contest, now);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph data-testid="schedule-phase">
        {t('staff.organizer.phaseNow')}: <Tag color="blue">{t(`staff.organizer.phase.${phase(contest, now)}`)}</Tag>
        <Typography.Text type="secondary">{t('staff.organizer.zoneNote', { zone: contest.timeZone })}</Typography.Text>
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('organizer.submissionWindow')}>{when(contest.submissionOpensAt)} – {when(contest.submissionClosesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('organizer.judgingWindow')}>{when(contest.judgingOpensAt)} – {when(contest.judgingClosesAt)}</Descriptions.Item>
      </Descriptions>
      <Popconfirm title={t('staff.organizer.endNowConfirm')} disabled={!ending}
        onConfirm={() => ending && void send(ending, t('staff.organizer.endedNow'))}>
        <Button danger disabled={!ending} loading={fetching} data-testid="end-submissions-now">{t('staff.organizer.endNow')}</Button>
      </Popconfirm>
      <Card size="small" title={t('staff.organizer.reschedule')}>
        <Form layout="vertical" key={`${contest.submissionOpensAt}|${contest.submissionClosesAt}|${contest.judgingOpensAt}|${contest.judgingClosesAt}`}
          initialValues={{
            submission: [dayjs(contest.submissionOpensAt), dayjs(contest.submissionClosesAt)],
            judging: contest.judgingOpensAt || contest.judgingClosesAt ? [contest.judgingOpensAt ? dayjs(contest.judgingOpensAt) : null, contest.judgingClosesAt ? dayjs(contest.judgingClosesAt) : null] : undefined,
          }}
          onFinish={(v: { submission: [Dayjs, Dayjs]; judging?: [Dayjs | null, Dayjs | null] | null }) => void send({
            submissionOpensAt: v.submission[0].toISOString(), submissionClosesAt: v.submission[1].toISOString(),
            judgingOpensAt: v.judging?.[0]?.toISOString() ?? null, judgingClosesAt: v.judging?.[1]?.toISOString() ?? null,
          }, t('staff.organizer.rescheduled'))}>
          <Form.Item name="submission" label={t('organizer.submissionWindow')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
          <Form.Item name="judging" label={t('organizer.judgingWindow')} extra={t('staff.organizer.judgingOptional')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching} data-testid="save-schedule">{t('staff.organizer.saveSchedule')}</Button>
        </Form>
      </Card>
    </Space>
  );
}

function UnpublishResults({ contestId, onDone }: { contestId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [{ fetching }, unpublish] = useMutation(UnpublishResultsMutation);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="unpublish-results">{t('staff.organizer.unpublishResults')}</Button>
      <Modal open={open} title={t('staff.organizer.unpublishResults')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Paragraph>{t('staff.organizer.unpublishResultsHint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={async (v: { reason: string }) => {
          const r = await unpublish({ contestId, reason: v.reason.trim() });
          if (r.error) message.error(errorMessage(r.error));
          else { message.success(t('staff.organizer.resultsUnpublished')); setOpen(false); onDone(); }
        }}>
          <Form.Item name="reason" label={t('staff.organizer.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input.TextArea rows={3} /></Form.Item>
          <Button danger type="primary" htmlType="submit" loading={fetching}>{t('staff.organizer.unpublishResults')}</Button>
        </Form>
      </Modal>
    </>
  );
}

const AUDIT_PAGE = 50;

function AuditTab({ contestId }: { contestId: string }) {
  const { t } = useTranslation();
  const [before, setBefore] = useState<string | null>(null);
  const [action, setAction] = useState<string | undefined>();
  const [{ data, fetching, error }] = useQuery({ query: AuditQuery, variables: { contestId, before, action: action ?? null, first: AUDIT_PAGE }, requestPolicy: 'network-only', context: useReaderLanguageContext() });
  return (
    <AuditEventsTable events={data?.auditLog ?? []} loading={fetching} error={error} pageSize={AUDIT_PAGE} before={before} onPage={setBefore} showEntityType
      testId="contest-audit"
      toolbar={<>
        <label htmlFor="audit-action">{t('organizer.action')}</label>
        <Select id="audit-action" showSearch optionFilterProp="label" allowClear style={{ minWidth: 260 }} value={action} placeholder={t('staff.organizer.allActions')}
          onChange={(v) => { setAction(v); setBefore(null); }} options={CONTEST_AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(t, a) }))} />
      </>} />
  );
}

/** One contest for its organizers: definition, judge panel, assignment, results and awards, publication, audit. */
function ContestAdminPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ContestAdminQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [{ fetching: publishing }, publish] = useMutation(PublishMutation);
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return <Skeleton active loading={fetching} />;
  const c = data.contest;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: c.timeZone }) : '—');
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{c.year} · {c.title}</Typography.Title>
      <Tabs items={[
        {
          key: 'overview', label: t('organizer.overview'), children: (
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('organizer.theme')}>{c.theme}</Descriptions.Item>
              <Descriptions.Item label={t('organizer.timeZone')}>{c.timeZone}</Descriptions.Item>
              <Descriptions.Item label={t('organizer.submissionWindow')}>{when(c.submissionOpensAt)} – {when(c.submissionClosesAt)}</Descriptions.Item>
              <Descriptions.Item label={t('organizer.judgingWindow')}>{when(c.judgingOpensAt)} – {when(c.judgingClosesAt)}</Descriptions.Item>
              <Descriptions.Item label={t('organizer.categories')}>{c.categories.map((k) => t('organizer.categoryKinds', { name: k.name, kinds: k.acceptedKinds.map((x) => t(`enum.WorkKind.${x}`)).join('/') })).join(t('app.listSeparator'))}</Descriptions.Item>
              <Descriptions.Item label={t('judge.rubric')}>{c.rubric.map((r) => `${r.name} 0–${r.scaleMax} ×${r.weight}`).join(t('app.listSeparator'))}</Descriptions.Item>
              <Descriptions.Item label={t('organizer.rounds')}>{c.rounds.map((r) => t('organizer.roundJudges', { number: r.number, name: r.name, n: r.judgesPerEntry })).join(t('app.listSeparator'))}</Descriptions.Item>
              <Descriptions.Item label={t('submit.declarations')}>{c.requiredDeclarations.map((d) => t(`enum.Declaration.${d}`)).join(t('app.listSeparator'))}</Descriptions.Item>
            </Descriptions>
          ),
        },
        { key: 'schedule', label: t('staff.organizer.schedule'), children: <ScheduleTab contest={c} onChanged={() => refetch({ requestPolicy: 'network-only' })} /> },
        { key: 'panel', label: t('organizer.panel'), children: <PanelTab contestId={c.id} categories={c.categories} /> },
        { key: 'assign', label: t('organizer.assign'), children: <AssignTab rounds={c.rounds} /> },
        { key: 'results', label: t('organizer.results'), children: <ResultsTab rounds={c.rounds} /> },
        {
          key: 'publish', label: t('organizer.publish'), children: (
            <Space direction="vertical">
              <Typography.Paragraph>{c.resultsPublished ? t('organizer.alreadyPublished') : t('organizer.publishHint')}</Typography.Paragraph>
              <Popconfirm title={t('organizer.publishConfirm')} onConfirm={async () => {
                const r = await publish({ contestId: c.id });
                if (r.error) message.error(errorMessage(r.error));
                else { message.success(t('organizer.publishedCount', { count: r.data?.publishResults.length ?? 0 })); refetch({ requestPolicy: 'network-only' }); }
              }}>
                <Button type="primary" loading={publishing} data-testid="publish-results">{t('organizer.publishButton')}</Button>
              </Popconfirm>
              {c.resultsPublished && <UnpublishResults contestId={c.id} onDone={() => refetch({ requestPolicy: 'network-only' })} />}
            </Space>
          ),
        },
        { key: 'audit', label: t('organizer.audit'), children: <AuditTab contestId={c.id} /> },
      ]} />
      <Card size="small" style={{ marginTop: 16 }}><Typography.Text type="secondary">{t('organizer.apiAuthority')}</Typography.Text></Card>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(ContestAdminPage);
