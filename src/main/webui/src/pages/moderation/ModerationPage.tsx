import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { ModerationStage, ReasonCode } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { REASONS, formatBytes } from '../../lib/enums';
import WorkThumb from '../../components/WorkThumb';
import withApp from '../../components/withApp';

const ModContestsQuery = graphql(`query ModerationContests { contests { id title year } }`);
const QueueQuery = graphql(`
  query ModerationQueue($contestId: ID!, $stage: ModerationStage!) {
    moderationQueue(contestId: $contestId, stage: $stage) {
      id entryCode categoryName submittedAt status
      work {
        id title titleEn description kind creditLine
        licence { code }
        media { id mimeType sizeBytes width height durationSeconds renditions { kind status } }
      }
    }
  }
`);
const ModerateMutation = graphql(`
  mutation Moderate($input: ModerateInput!) { moderate(input: $input) { id status } }
`);

/** The moderation queue: each entry with its work and file facts; approve, or reject with a reason and a note. */
function ModerationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [{ data: contests }] = useQuery({ query: ModContestsQuery });
  const [contestId, setContestId] = useState<string | undefined>();
  const [stage, setStage] = useState<ModerationStage>('ENTRY');
  const chosen = contestId ?? contests?.contests[0]?.id;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: QueueQuery, variables: { contestId: chosen ?? '', stage }, pause: !chosen, requestPolicy: 'cache-and-network',
  });
  const [{ fetching: deciding }, moderate] = useMutation(ModerateMutation);
  const [rejecting, setRejecting] = useState<string | null>(null);

  async function decide(submissionId: string, decision: 'APPROVE' | 'REJECT', reasonCode: ReasonCode, note?: string) {
    const r = await moderate({ input: { submissionId, decision, reasonCode, note: note ?? null, stage } });
    if (r.error) message.error(errorMessage(r.error));
    else {
      message.success(t(decision === 'APPROVE' ? 'moderation.approved' : 'moderation.rejected'));
      setRejecting(null);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('moderation.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="mod-contest">{t('moderation.contest')}</label>
        <Select id="mod-contest" style={{ minWidth: 280 }} value={chosen} onChange={setContestId}
          options={(contests?.contests ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))} />
        <Segmented<ModerationStage> value={stage} onChange={setStage} aria-label={t('moderation.stage')}
          options={[{ value: 'ENTRY', label: t('enum.ModerationStage.ENTRY') }, { value: 'PUBLICATION', label: t('enum.ModerationStage.PUBLICATION') }]} />
      </Space>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !data.moderationQueue.length && <Empty description={t('moderation.empty')} />}
      <List
        dataSource={data?.moderationQueue ?? []}
        renderItem={(s) => {
          const m = s.work.media[0];
          return (
            <List.Item>
              <Card style={{ width: '100%' }} title={<span data-testid="moderation-item">{s.work.title}</span>} extra={<Tag>{s.entryCode}</Tag>}>
                <div className="judge-layout">
                  <div><WorkThumb kind={s.work.kind} /></div>
                  <div>
                    <Typography.Paragraph>{s.work.description}</Typography.Paragraph>
                    <Typography.Paragraph type="secondary">
                      {t(`enum.WorkKind.${s.work.kind}`)} · {s.categoryName} · {t(`enum.Licence.${s.work.licence.code}`)}
                      {m && <> · {m.mimeType} · {formatBytes(m.sizeBytes)}{m.width ? ` · ${m.width}×${m.height}` : ''}{m.durationSeconds ? ` · ${Math.round(m.durationSeconds)} s` : ''}</>}
                    </Typography.Paragraph>
                    <Typography.Paragraph type="secondary">{t('moderation.submittedAt', { when: new Date(s.submittedAt).toLocaleString(i18n.language) })}</Typography.Paragraph>
                    <Space>
                      <Button type="primary" loading={deciding} onClick={() => void decide(s.id, 'APPROVE', 'OK')} data-testid="moderation-approve">{t('moderation.approve')}</Button>
                      <Button danger onClick={() => setRejecting(s.id)} data-testid="moderation-reject">{t('moderation.reject')}</Button>
                    </Space>
                  </div>
                </div>
              </Card>
            </List.Item>
          );
        }}
      />
      <Modal open={!!rejecting} title={t('moderation.rejectTitle')} onCancel={() => setRejecting(null)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { reasonCode: ReasonCode; note?: string }) => void decide(rejecting!, 'REJECT', v.reasonCode, v.note)}>
          <Form.Item name="reasonCode" label={t('moderation.reason')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={REASONS.filter((r) => r !== 'OK').map((r) => ({ value: r, label: t(`enum.ReasonCode.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('moderation.note')} extra={t('moderation.noteHint')}><Input.TextArea rows={3} /></Form.Item>
          <Button type="primary" danger htmlType="submit" loading={deciding}>{t('moderation.reject')}</Button>
        </Form>
      </Modal>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(ModerationPage);
