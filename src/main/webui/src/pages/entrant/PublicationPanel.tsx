import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import { publicationState } from '../../lib/publication';

const PublicationRequestsQuery = graphql(`
  query MyPublicationRequests($workId: ID!) {
    publicationRequests(workId: $workId) {
      id status note requestedAt decidedAt releaseAt releasedAt
      decision { reasonCode note }
    }
  }
`);

const RequestPublicationMutation = graphql(`
  mutation RequestPublication($input: RequestPublicationInput!) {
    requestPublication(input: $input) { id status requestedAt }
  }
`);

const CancelPublicationMutation = graphql(`
  mutation CancelPublicationRequest($id: ID!) {
    cancelPublicationRequest(id: $id) { id status decidedAt }
  }
`);

export const PUBLICATION_COLORS: Record<string, string> = {
  PENDING: 'processing', APPROVED: 'success', REJECTED: 'error', CANCELLED: 'default',
};

/**
 * Publication outside contests for the work's owner: ask for it (with a note to the moderators), see where the request
 * stands — waiting, approved (or scheduled for its release time), rejected with the moderator's reason — and cancel it
 * while it still waits.
 */
export default function PublicationPanel({ workId, workStatus, hasFiles, onChange }: {
  workId: string; workStatus: string; hasFiles: boolean; onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [{ data, error }, reload] = useQuery({ query: PublicationRequestsQuery, variables: { workId }, requestPolicy: 'cache-and-network' });
  const [{ fetching: requesting, error: requestError }, request] = useMutation(RequestPublicationMutation);
  const [{ fetching: cancelling, error: cancelError }, cancel] = useMutation(CancelPublicationMutation);
  const requests = data?.publicationRequests ?? [];
  const state = publicationState(workStatus, hasFiles, requests);
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : '');

  async function ask() {
    const r = await request({ input: { workId, note: note.trim() || null } });
    if (r.error) return;
    setNote('');
    message.success(t('library.publication.requested'));
    reload({ requestPolicy: 'network-only' });
    onChange();
  }

  async function withdraw(id: string) {
    const r = await cancel({ id });
    if (r.error) return;
    message.success(t('library.publication.cancelled'));
    reload({ requestPolicy: 'network-only' });
    onChange();
  }

  const latest = state.latest;
  return (
    <Card title={t('library.publication.title')} data-testid="publication-panel">
      <Typography.Paragraph type="secondary">{t('library.publication.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {latest && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Space wrap>
            <span>{t('library.publication.latest')}</span>
            <Tag color={PUBLICATION_COLORS[latest.status]} data-testid="publication-status">{t(`library.publicationStatus.${latest.status}`)}</Tag>
            <Typography.Text type="secondary">{t('library.publication.requestedAt', { date: when(latest.requestedAt) })}</Typography.Text>
          </Space>
          {state.scheduled && <Alert type="info" showIcon message={t('library.publication.scheduled', { date: when(latest.releaseAt) })} />}
          {latest.status === 'APPROVED' && latest.releasedAt && <Alert type="success" showIcon message={t('library.publication.published', { date: when(latest.releasedAt) })} />}
          {latest.status === 'REJECTED' && latest.decision && (
            <Alert type="warning" showIcon message={t(`enum.ReasonCode.${latest.decision.reasonCode}`)} description={latest.decision.note || undefined} />
          )}
        </Space>
      )}
      {state.pending && (
        <Popconfirm title={t('library.publication.cancelConfirm')} onConfirm={() => void withdraw(state.pending!.id)}
          okText={t('library.publication.cancel')} cancelText={t('library.cancel')}>
          <Button danger loading={cancelling} data-testid="publication-cancel">{t('library.publication.cancel')}</Button>
        </Popconfirm>
      )}
      {state.canRequest && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="publication-note">{t('library.publication.note')}</label>
          <Input.TextArea id="publication-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          <Button type="primary" loading={requesting} onClick={() => void ask()} data-testid="publication-request">{t('library.publication.request')}</Button>
        </Space>
      )}
      {state.needsFiles && <Typography.Text type="secondary">{t('library.publication.needsFiles')}</Typography.Text>}
      {(requestError || cancelError) && <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(requestError ?? cancelError)} />}
      {requests.length > 1 && (
        <List size="small" style={{ marginTop: 12 }} header={t('library.publication.history')} dataSource={requests.slice(1)}
          renderItem={(r) => (
            <List.Item>
              <Tag color={PUBLICATION_COLORS[r.status]}>{t(`library.publicationStatus.${r.status}`)}</Tag>
              {when(r.requestedAt)}{r.decision?.note ? ` — ${r.decision.note}` : ''}
            </List.Item>
          )} />
      )}
    </Card>
  );
}
