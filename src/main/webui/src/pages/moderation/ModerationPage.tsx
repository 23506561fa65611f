import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { ModerationStage, ReasonCode, WorkKind } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { REASONS, WORK_KINDS } from '../../lib/enums';
import { decisionCall, duplicateLevel, toInboxItem, type Decision, type InboxItem, type InboxNode } from '../../lib/moderation';
import { refreshDelay } from '../../lib/preview';
import PreviewGallery from '../../components/PreviewGallery';
import withApp from '../../components/withApp';

const ModContestsQuery = graphql(`query ModerationContests { contests { id title year } }`);
graphql(`
  fragment InboxPreview on MediaPreview { mediaType thumbnailUrl previewUrl largeUrl posterUrl durationSeconds width height urlsExpireAt }
`);
graphql(`
  fragment InboxDuplicate on NearDuplicate { matchedWorkId matchedWorkTitle matchedWorkStatus distance framesMatched }
`);
const InboxQuery = graphql(`
  query ModerationInbox($filter: ModerationInboxFilter, $first: Int, $after: String) {
    moderationInbox(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          stage
          submission {
            id entryCode categoryName submittedAt previousSubmissionId
            previews { ...InboxPreview }
            nearDuplicates { ...InboxDuplicate }
            work { id title description kind }
          }
          publicationRequest {
            id note onBehalfOf requestedAt
            work { id title description kind previews { ...InboxPreview } nearDuplicates { ...InboxDuplicate } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const ModerateMutation = graphql(`
  mutation Moderate($input: ModerateInput!) { moderate(input: $input) { id status } }
`);
const ModeratePublicationMutation = graphql(`
  mutation ModeratePublication($input: ModeratePublicationInput!) { moderatePublication(input: $input) { id status } }
`);

const PAGE = 20;
type StageChoice = ModerationStage | 'ALL';

/**
 * One inbox for everything waiting for a moderator: contest entries (before judging and, once awarded, before
 * publication) and publication requests outside contests. Each item shows its previews (zoomable images, playable
 * videos), near-duplicate flags, and is approved or rejected with a reason and a note.
 */
function ModerationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [{ data: contests }] = useQuery({ query: ModContestsQuery });
  const [contestId, setContestId] = useState<string | undefined>();
  const [stage, setStage] = useState<StageChoice>('ALL');
  const [kind, setKind] = useState<WorkKind | undefined>();
  const [after, setAfter] = useState<string | null>(null);
  const filter = { contestId: contestId ?? null, stage: stage === 'ALL' ? null : stage, kind: kind ?? null };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: InboxQuery, variables: { filter, first: PAGE, after }, requestPolicy: 'cache-and-network',
  });
  const [{ fetching: moderating }, moderate] = useMutation(ModerateMutation);
  const [{ fetching: publishing }, moderatePublication] = useMutation(ModeratePublicationMutation);
  const deciding = moderating || publishing;
  const [dialog, setDialog] = useState<{ item: InboxItem; decision: 'APPROVE' | 'REJECT' } | null>(null);

  const items = useMemo(
    () => (data?.moderationInbox.edges ?? []).map((e) => toInboxItem(e.node as InboxNode)).filter((x): x is InboxItem => !!x),
    [data],
  );
  useEffect(() => setAfter(null), [contestId, stage, kind]);

  // Preview URLs are short-lived: fetch fresh ones shortly before they expire.
  useEffect(() => {
    const delay = refreshDelay(items.flatMap((i) => i.previews), Date.now());
    if (delay == null) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), delay);
    return () => clearTimeout(timer);
  }, [items, refetch]);

  async function decide(item: InboxItem, d: Decision) {
    const call = decisionCall(item, d);
    const r = call.mutation === 'moderate'
      ? await moderate({ input: { ...call.input, reasonCode: call.input.reasonCode as ReasonCode } })
      : await moderatePublication({ input: { ...call.input, reasonCode: call.input.reasonCode as ReasonCode } });
    if (r.error) {
      message.error(errorMessage(r.error));
      return;
    }
    message.success(t(d.decision === 'APPROVE' ? 'moderation.approved' : 'moderation.rejected'));
    setDialog(null);
    refetch({ requestPolicy: 'network-only' });
  }

  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('moderation.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="mod-contest">{t('moderation.contest')}</label>
        <Select id="mod-contest" style={{ minWidth: 280 }} value={contestId} onChange={setContestId} allowClear placeholder={t('staff.moderation.allContests')}
          options={(contests?.contests ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))} />
        <Segmented<StageChoice> value={stage} onChange={setStage} aria-label={t('moderation.stage')}
          options={[
            { value: 'ALL', label: t('staff.moderation.allStages') },
            { value: 'ENTRY', label: t('enum.ModerationStage.ENTRY') },
            { value: 'PUBLICATION', label: t('enum.ModerationStage.PUBLICATION') },
          ]} />
        <label htmlFor="mod-kind">{t('staff.moderation.kind')}</label>
        <Select id="mod-kind" style={{ minWidth: 140 }} value={kind} onChange={setKind} allowClear placeholder={t('staff.moderation.allKinds')}
          options={WORK_KINDS.map((k) => ({ value: k, label: t(`enum.WorkKind.${k}`) }))} />
      </Space>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !items.length && <Empty description={t('moderation.empty')} />}
      {items.length > 0 && <List
        dataSource={items}
        rowKey={(i) => i.key}
        renderItem={(item) => (
          <List.Item>
            <Card style={{ width: '100%' }}
              title={<span data-testid="moderation-item">{item.work.title}</span>}
              extra={<Space wrap>
                <Tag color={item.kind === 'publication' ? 'purple' : 'blue'}>{t(item.kind === 'publication' ? 'staff.moderation.publicationRequest' : 'staff.moderation.contestEntry')}</Tag>
                <Tag>{t(`staff.moderation.stageTag.${item.stage}`)}</Tag>
                {item.entryCode && <Tag>{item.entryCode}</Tag>}
              </Space>}>
              <div className="judge-layout">
                <PreviewGallery previews={item.previews} kind={item.work.kind} title={item.work.title} testId="moderation-preview" />
                <div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.work.description}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary">
                    {t(`enum.WorkKind.${item.work.kind}`)}{item.categoryName ? ` · ${item.categoryName}` : ''}
                    {' · '}{t('moderation.submittedAt', { when: when(item.waitingSince) })}
                  </Typography.Paragraph>
                  {item.resubmission && <Tag color="gold">{t('staff.moderation.resubmission')}</Tag>}
                  {item.onBehalfOf && <Typography.Paragraph>{t('staff.moderation.onBehalfOf', { org: item.onBehalfOf })}</Typography.Paragraph>}
                  {item.requestNote && <Typography.Paragraph type="secondary">{t('staff.moderation.requestNote')}: {item.requestNote}</Typography.Paragraph>}
                  {item.nearDuplicates.length > 0 && (
                    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="near-duplicates"
                      message={t('staff.moderation.nearDuplicates', { count: item.nearDuplicates.length })}
                      description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {item.nearDuplicates.map((d) => (
                          <li key={d.matchedWorkId}>
                            <Link to={`/works/${d.matchedWorkId}`} target="_blank">{d.matchedWorkTitle}</Link>{' '}
                            <Tag color={duplicateLevel(d) === 'copy' ? 'red' : 'orange'}>{t(`staff.moderation.dup.${duplicateLevel(d)}`)}</Tag>
                            <Typography.Text type="secondary">{t(`enum.WorkStatus.${d.matchedWorkStatus}`)} · {t('staff.moderation.distance', { distance: d.distance, frames: d.framesMatched })}</Typography.Text>
                          </li>
                        ))}
                      </ul>} />
                  )}
                  <Space wrap>
                    <Button type="primary" loading={deciding} onClick={() => void decide(item, { decision: 'APPROVE', reasonCode: 'OK' })} data-testid="moderation-approve">{t('moderation.approve')}</Button>
                    <Button onClick={() => setDialog({ item, decision: 'APPROVE' })} data-testid="moderation-approve-note">{t('staff.moderation.approveWithNote')}</Button>
                    <Button danger onClick={() => setDialog({ item, decision: 'REJECT' })} data-testid="moderation-reject">{t('moderation.reject')}</Button>
                  </Space>
                </div>
              </div>
            </Card>
          </List.Item>
        )}
      />}
      <Space style={{ marginTop: 12 }}>
        {after && <Button onClick={() => setAfter(null)}>{t('search.first')}</Button>}
        {data?.moderationInbox.pageInfo.hasNextPage && <Button onClick={() => setAfter(data.moderationInbox.pageInfo.endCursor)}>{t('search.next')}</Button>}
      </Space>
      <Modal open={!!dialog} title={dialog?.decision === 'APPROVE' ? t('staff.moderation.approveTitle') : t('moderation.rejectTitle')}
        onCancel={() => setDialog(null)} footer={null} destroyOnHidden>
        {dialog && (
          <Form layout="vertical" initialValues={{ reasonCode: dialog.decision === 'APPROVE' ? 'OK' : undefined }}
            onFinish={(v: { reasonCode: ReasonCode; note?: string; releaseAt?: { toISOString(): string } }) =>
              void decide(dialog.item, { decision: dialog.decision, reasonCode: v.reasonCode, note: v.note, releaseAt: v.releaseAt?.toISOString() ?? null })}>
            <Typography.Paragraph strong>{dialog.item.work.title}</Typography.Paragraph>
            {dialog.decision === 'REJECT' && (
              <Form.Item name="reasonCode" label={t('moderation.reason')} rules={[{ required: true, message: t('form.required') }]}>
                <Select options={REASONS.filter((r) => r !== 'OK').map((r) => ({ value: r, label: t(`enum.ReasonCode.${r}`) }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('moderation.note')} extra={t('moderation.noteHint')}><Input.TextArea rows={3} /></Form.Item>
            {dialog.decision === 'APPROVE' && dialog.item.kind === 'publication' && (
              <Form.Item name="releaseAt" label={t('staff.moderation.releaseAt')} extra={t('staff.moderation.releaseAtHint')}>
                <DatePicker showTime />
              </Form.Item>
            )}
            <Button type="primary" danger={dialog.decision === 'REJECT'} htmlType="submit" loading={deciding} data-testid="moderation-confirm">
              {dialog.decision === 'APPROVE' ? t('moderation.approve') : t('moderation.reject')}
            </Button>
          </Form>
        )}
      </Modal>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(ModerationPage);
