import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Checkbox, Empty, List, Modal, Space, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import { useSelection } from '../../lib/selection';
import { DownloadUrlMutation } from '../work/WorkPage';
import withApp from '../../components/withApp';

const SelectedWorkQuery = graphql(`
  query SelectedWork($id: ID!) {
    work(id: $id) { id title kind creditLine licence { code title } media { id } }
  }
`);

function SelectedWork({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: SelectedWorkQuery, variables: { id } });
  const w = data?.work;
  return (
    <List.Item actions={[<Button key="r" size="small" onClick={onRemove}>{t('outlet.remove')}</Button>]}>
      {error ? <Typography.Text type="danger">{errorMessage(error)}</Typography.Text> : w ? (
        <List.Item.Meta
          title={<Link to={`/works/${w.id}`}>{w.title}</Link>}
          description={<><Tag color="blue">{t(`enum.Licence.${w.licence.code}`)}</Tag>{w.creditLine}{!w.media.length && <Tag>{t('outlet.noFile')}</Tag>}</>}
        />
      ) : null}
    </List.Item>
  );
}

/**
 * An outlet's selected works: one licence acceptance for all of them, then each original is handed out (and
 * recorded) under its own licence and credit line.
 */
function OutletSelectionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const selection = useSelection();
  const [open, setOpen] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  async function downloadAll() {
    setBusy(true);
    setErrors([]);
    const failed: string[] = [];
    for (const id of selection.ids) {
      const w = await client.query(SelectedWorkQuery, { id }).toPromise();
      const work = w.data?.work;
      for (const asset of work?.media ?? []) {
        const r = await client.mutation(DownloadUrlMutation, { assetId: asset.id, acceptLicence: work!.licence.code }).toPromise();
        if (r.error || !r.data) failed.push(`${work!.title}: ${errorMessage(r.error)}`);
        else {
          const a = document.createElement('a');
          a.href = r.data.downloadUrl.url;
          a.download = r.data.downloadUrl.fileName;
          a.click();
        }
      }
    }
    setErrors(failed);
    setBusy(false);
    setOpen(false);
    if (!failed.length) message.success(t('work.downloadStarted'));
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('outlet.selectionTitle')}</Typography.Title>
      {!selection.ids.length ? <Empty description={t('outlet.noneSelected')} /> : (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={() => setOpen(true)}>{t('outlet.downloadAll', { count: selection.ids.length })}</Button>
            <Button onClick={selection.clear}>{t('outlet.clear')}</Button>
          </Space>
          {errors.length > 0 && <Alert type="warning" showIcon message={errors.join('；')} />}
          <List dataSource={selection.ids} renderItem={(id) => <SelectedWork id={id} onRemove={() => selection.toggle(id, false)} />} />
        </>
      )}
      <Modal open={open} title={t('work.licenceDialogTitle')} onCancel={() => setOpen(false)} okText={t('work.acceptAndDownload')}
        okButtonProps={{ disabled: !accepted, loading: busy }} onOk={() => void downloadAll()}>
        <Typography.Paragraph>{t('outlet.bulkLicence')}</Typography.Paragraph>
        <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)}>{t('outlet.acceptAll')}</Checkbox>
      </Modal>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(OutletSelectionPage);
