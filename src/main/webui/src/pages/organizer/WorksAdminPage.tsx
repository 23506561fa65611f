import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useReaderLanguageContext } from '../../lib/readerLanguage';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { WorkKind, WorkStatus } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { WORK_KINDS } from '../../lib/enums';
import { statusColor, workActions, type WorkAction } from '../../lib/workAdmin';
import withApp from '../../components/withApp';

graphql(`
  fragment AdminWorkRow on Work { id title kind status hasFiles publishedAt updatedAt owner { displayName organization } preview { thumbnailUrl } }
`);
const AdminWorksQuery = graphql(`
  query AdminWorks($filter: WorkFilter, $first: Int, $after: String) {
    works(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { ...AdminWorkRow } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const AdminSearchQuery = graphql(`
  query AdminWorkSearch($query: String, $first: Int, $after: String) {
    searchWorks(query: $query, first: $first, after: $after, sort: RELEVANCE) {
      totalCount
      edges { node { ...AdminWorkRow } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const WorkPublicationQuery = graphql(`
  query WorkPublication($workId: ID!) {
    publicationRequests(workId: $workId) {
      id status note onBehalfOf requestedAt decidedAt releaseAt releasedAt
      decision { decision reasonCode note }
    }
    publicationLog(workId: $workId, first: 50) { seq at actor action detail }
    downloadLog(workId: $workId, first: 50) { id accountId downloadedAt licence }
  }
`);
const UnpublishWorkMutation = graphql(`
  mutation UnpublishWork($id: ID!, $reason: String!) { unpublishWork(id: $id, reason: $reason) { id status } }
`);
const RepublishWorkMutation = graphql(`
  mutation RepublishWork($id: ID!) { republishWork(id: $id) { id status } }
`);
const RequestPublicationMutation = graphql(`
  mutation OrganizerRequestPublication($input: RequestPublicationInput!) { requestPublication(input: $input) { id status work { id status } } }
`);

const PAGE = 20;
const STATUSES: WorkStatus[] = ['PUBLISHED', 'IN_MODERATION', 'WITHDRAWN', 'REJECTED', 'DRAFT'];

interface Row { id: string; title: string; status: WorkStatus; hasFiles: boolean }

function PublicationDrawer({ work, onClose }: { work: Row | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: WorkPublicationQuery, variables: { workId: work?.id ?? '' }, pause: !work, requestPolicy: 'network-only', context: useReaderLanguageContext() });
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
  return (
    <Drawer open={!!work} onClose={onClose} width={720} title={work?.title} destroyOnHidden>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Tabs items={[
        {
          key: 'requests', label: t('staff.works.requests'), children: (
            <Table size="small" rowKey="id" loading={fetching} pagination={false} dataSource={data?.publicationRequests ?? []} scroll={{ x: true }}
              columns={[
                { title: t('staff.works.requestedAt'), render: (_, r) => when(r.requestedAt) },
                { title: t('work.status'), render: (_, r) => <Tag>{t(`staff.works.requestStatus.${r.status}`)}</Tag> },
                { title: t('staff.works.onBehalfOf'), render: (_, r) => r.onBehalfOf ?? '—' },
                { title: t('staff.works.note'), dataIndex: 'note' },
                { title: t('staff.works.decision'), render: (_, r) => r.decision ? `${t(`enum.ReasonCode.${r.decision.reasonCode}`)}${r.decision.note ? ` · ${r.decision.note}` : ''}` : '—' },
                { title: t('staff.works.release'), render: (_, r) => r.releasedAt ? when(r.releasedAt) : r.releaseAt ? t('staff.works.embargoUntil', { when: when(r.releaseAt) }) : '—' },
              ]} />
          ),
        },
        {
          key: 'log', label: t('staff.works.log'), children: (
            <Table size="small" rowKey={(e) => String(e.seq)} loading={fetching} pagination={false} dataSource={data?.publicationLog ?? []} scroll={{ x: true }}
              columns={[
                { title: t('organizer.when'), render: (_, e) => when(e.at) },
                { title: t('organizer.actor'), dataIndex: 'actor' },
                { title: t('organizer.action'), dataIndex: 'action' },
                { title: t('organizer.detail'), dataIndex: 'detail' },
              ]} />
          ),
        },
        {
          key: 'downloads', label: t('staff.works.downloads'), children: (
            <Table size="small" rowKey="id" loading={fetching} pagination={false} dataSource={data?.downloadLog ?? []} scroll={{ x: true }}
              columns={[
                { title: t('organizer.when'), render: (_, d) => when(d.downloadedAt) },
                { title: t('staff.works.account'), dataIndex: 'accountId' },
                { title: t('staff.works.licence'), render: (_, d) => t(`enum.Licence.${d.licence}`) },
              ]} />
          ),
        },
      ]} />
    </Drawer>
  );
}

/**
 * Organizers' view of works and their publication: find a work, take it down with a reason (rights complaint,
 * error), put it back, or send it to the moderators for publication on an organisation's behalf; each work's
 * requests, publication audit trail and original downloads in a drawer.
 */
function WorksAdminPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [statuses, setStatuses] = useState<WorkStatus[]>(['PUBLISHED']);
  const [kinds, setKinds] = useState<WorkKind[]>([]);
  const [after, setAfter] = useState<string | null>(null);
  const searching = query.trim().length > 0;
  const [list, refetchList] = useQuery({ query: AdminWorksQuery, variables: { filter: { statuses, kinds }, first: PAGE, after }, pause: searching, requestPolicy: 'cache-and-network' });
  const [search, refetchSearch] = useQuery({ query: AdminSearchQuery, variables: { query, first: PAGE, after }, pause: !searching, requestPolicy: 'cache-and-network' });
  const result = searching ? search : list;
  const page = searching ? search.data?.searchWorks : list.data?.works;
  const rows = (page?.edges ?? []).map((e) => e.node);
  const [details, setDetails] = useState<Row | null>(null);
  const [dialog, setDialog] = useState<{ action: 'unpublish' | 'requestPublication'; work: Row } | null>(null);
  const [{ fetching: unpublishing }, unpublish] = useMutation(UnpublishWorkMutation);
  const [, republish] = useMutation(RepublishWorkMutation);
  const [{ fetching: requesting }, requestPublication] = useMutation(RequestPublicationMutation);

  function refresh() {
    (searching ? refetchSearch : refetchList)({ requestPolicy: 'network-only' });
  }

  async function act(action: WorkAction, work: Row) {
    if (action !== 'republish') { setDialog({ action, work }); return; }
    const r = await republish({ id: work.id });
    if (r.error) message.error(errorMessage(r.error)); else { message.success(t('staff.works.republished')); refresh(); }
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('staff.works.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('staff.works.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('staff.works.search')} placeholder={t('staff.works.search')} allowClear style={{ width: 280 }}
          value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => { setQuery(v); setAfter(null); }} />
        <Select mode="multiple" aria-label={t('work.status')} style={{ minWidth: 220 }} value={statuses} disabled={searching}
          onChange={(v) => { setStatuses(v); setAfter(null); }} placeholder={t('work.status')}
          options={STATUSES.map((s) => ({ value: s, label: t(`enum.WorkStatus.${s}`) }))} />
        <Select mode="multiple" aria-label={t('staff.moderation.kind')} style={{ minWidth: 180 }} value={kinds} disabled={searching}
          onChange={(v) => { setKinds(v); setAfter(null); }} placeholder={t('staff.moderation.allKinds')}
          options={WORK_KINDS.map((k) => ({ value: k, label: t(`enum.WorkKind.${k}`) }))} />
        {page && <Typography.Text type="secondary">{t('staff.works.count', { count: page.totalCount })}</Typography.Text>}
      </Space>
      {result.error && <Alert type="error" showIcon message={errorMessage(result.error)} />}
      <Table rowKey="id" loading={result.fetching && !page} dataSource={rows} pagination={false} scroll={{ x: true }}
        locale={{ emptyText: <Empty /> }}
        columns={[
          { title: t('work.title'), render: (_, w) => <Link to={`/works/${w.id}`} data-testid="admin-work">{w.title}</Link> },
          { title: t('staff.moderation.kind'), render: (_, w) => t(`enum.WorkKind.${w.kind}`) },
          { title: t('work.status'), render: (_, w) => <Tag color={statusColor(w.status)} data-testid="admin-work-status">{t(`enum.WorkStatus.${w.status}`)}</Tag> },
          { title: t('staff.works.owner'), render: (_, w) => w.owner ? [w.owner.displayName, w.owner.organization].filter(Boolean).join(' · ') : '—' },
          { title: t('staff.works.publishedAt'), render: (_, w) => (w.publishedAt ? new Date(w.publishedAt).toLocaleString(i18n.language) : '—') },
          {
            title: t('staff.works.actions'), render: (_, w) => (
              <Space wrap>
                {workActions(w.status, w.hasFiles).map((a) => (
                  <Button key={a} size="small" danger={a === 'unpublish'} onClick={() => void act(a, w)} data-testid={`work-${a}`}>{t(`staff.works.action.${a}`)}</Button>
                ))}
                <Button size="small" type="link" onClick={() => setDetails(w)}>{t('staff.works.details')}</Button>
              </Space>
            ),
          },
        ]} />
      <Space style={{ marginTop: 12 }}>
        {after && <Button onClick={() => setAfter(null)}>{t('search.first')}</Button>}
        {page?.pageInfo.hasNextPage && <Button onClick={() => setAfter(page.pageInfo.endCursor)}>{t('search.next')}</Button>}
      </Space>
      <PublicationDrawer work={details} onClose={() => setDetails(null)} />
      <Modal open={!!dialog} onCancel={() => setDialog(null)} footer={null} destroyOnHidden
        title={dialog ? `${t(`staff.works.action.${dialog.action}`)} · ${dialog.work.title}` : ''}>
        {dialog?.action === 'unpublish' && (
          <Form layout="vertical" onFinish={async (v: { reason: string }) => {
            const r = await unpublish({ id: dialog.work.id, reason: v.reason.trim() });
            if (r.error) message.error(errorMessage(r.error));
            else { message.success(t('staff.works.unpublished')); setDialog(null); refresh(); }
          }}>
            <Typography.Paragraph>{t('staff.works.unpublishHint')}</Typography.Paragraph>
            <Form.Item name="reason" label={t('staff.organizer.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button danger type="primary" htmlType="submit" loading={unpublishing} data-testid="work-unpublish-confirm">{t('staff.works.action.unpublish')}</Button>
          </Form>
        )}
        {dialog?.action === 'requestPublication' && (
          <Form layout="vertical" onFinish={async (v: { onBehalfOf?: string; note?: string }) => {
            const r = await requestPublication({ input: { workId: dialog.work.id, onBehalfOf: v.onBehalfOf?.trim() || null, note: v.note?.trim() || null } });
            if (r.error) message.error(errorMessage(r.error));
            else { message.success(t('staff.works.requested')); setDialog(null); refresh(); }
          }}>
            <Form.Item name="onBehalfOf" label={t('staff.works.onBehalfOf')} extra={t('staff.works.onBehalfOfHint')}><Input /></Form.Item>
            <Form.Item name="note" label={t('staff.works.note')}><Input.TextArea rows={3} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={requesting}>{t('staff.works.action.requestPublication')}</Button>
          </Form>
        )}
      </Modal>
      <Descriptions size="small" style={{ marginTop: 16 }} items={[{ key: 'api', children: <Typography.Text type="secondary">{t('organizer.apiAuthority')}</Typography.Text> }]} />
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(WorksAdminPage);
