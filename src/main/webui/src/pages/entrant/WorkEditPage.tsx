import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useNavigate, useParams, Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Card, Skeleton, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { WorkInput } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import WorkForm from './WorkForm';
import FileUpload from '../../components/FileUpload';
import SubmitEntry from './SubmitEntry';
import PublicationPanel from './PublicationPanel';
import { STATUS_COLORS } from './MyWorksPage';
import { formatBytes } from '../../lib/enums';
import withApp from '../../components/withApp';

const EditWorkQuery = graphql(`
  query EditWork($id: ID!) {
    work(id: $id) {
      id version status title titleEn description descriptionEn kind region tags creditLine
      licence { code }
      topics { code }
      creators { name nameEn affiliation role }
      media { id fileName mimeType sizeBytes renditions { kind status } }
    }
  }
`);
const CreateWorkMutation = graphql(`
  mutation CreateWork($input: WorkInput!) { createWork(input: $input) { id } }
`);
const UpdateWorkMutation = graphql(`
  mutation UpdateWork($id: ID!, $version: Int!, $input: WorkInput!) { updateWork(id: $id, version: $version, input: $input) { id version } }
`);

/** Create or edit one's own work, upload its file, submit it to a contest. */
function WorkEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EditWorkQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  const [createState, create] = useMutation(CreateWorkMutation);
  const [updateState, update] = useMutation(UpdateWorkMutation);
  const [saveError, setSaveError] = useState<string | null>(null);

  async function save(input: WorkInput) {
    setSaveError(null);
    if (!id) {
      const r = await create({ input });
      if (r.error) return setSaveError(errorMessage(r.error));
      message.success(t('work.created'));
      navigate(`/me/works/${r.data!.createWork.id}`);
    } else {
      const r = await update({ id, version: data!.work.version, input });
      if (r.error) return setSaveError(errorMessage(r.error));
      message.success(t('work.saved'));
      refetch();
    }
  }

  if (id && error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (id && !data) return <Skeleton active loading={fetching} />;
  const w = data?.work;
  const editable = !w || ['DRAFT', 'REJECTED', 'WITHDRAWN'].includes(w.status);
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{w ? w.title : t('myWorks.new')}</Typography.Title>
      {w && <Space style={{ marginBottom: 16 }}><Tag color={STATUS_COLORS[w.status]}>{t(`enum.WorkStatus.${w.status}`)}</Tag><Link to={`/works/${w.id}`}>{t('work.view')}</Link></Space>}
      {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} />}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('work.details')}>
          {editable ? (
            <WorkForm
              key={w?.version ?? 'new'}
              submitting={createState.fetching || updateState.fetching}
              submitLabel={w ? t('form.save') : t('work.create')}
              onSubmit={(input) => void save(input)}
              initial={w ? {
                title: w.title, titleEn: w.titleEn, description: w.description, descriptionEn: w.descriptionEn, kind: w.kind,
                region: w.region, tags: w.tags, creditLine: w.creditLine, licence: w.licence.code, topics: w.topics.map((x) => x.code),
                creators: w.creators.map((c) => ({ name: c.name, nameEn: c.nameEn, affiliation: c.affiliation, role: c.role })),
              } : { licence: 'CC_BY_4_0', kind: 'POSTER', region: 'BEIJING' }}
            />
          ) : (
            <Alert type="info" showIcon message={t('work.notEditable')} />
          )}
        </Card>
        {w && (
          <Card title={t('work.files')}>
            {w.media.map((m) => (
              <Typography.Paragraph key={m.id}>
                {m.fileName} · {m.mimeType} · {formatBytes(m.sizeBytes)}{' '}
                {m.renditions.map((r) => <Tag key={r.kind}>{t(`enum.RenditionKind.${r.kind}`)}: {t(`enum.RenditionStatus.${r.status}`)}</Tag>)}
              </Typography.Paragraph>
            ))}
            {editable && <FileUpload workId={w.id} onVerified={() => refetch()} />}
          </Card>
        )}
        {w && w.media.length > 0 && w.status === 'DRAFT' && (
          <Card title={t('submit.title')}>
            <SubmitEntry workId={w.id} kind={w.kind} onSubmitted={() => navigate('/me/submissions')} />
          </Card>
        )}
        {w && <PublicationPanel workId={w.id} workStatus={w.status} hasFiles={w.media.length > 0} onChange={() => refetch({ requestPolicy: 'network-only' })} />}
      </Space>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(WorkEditPage);
