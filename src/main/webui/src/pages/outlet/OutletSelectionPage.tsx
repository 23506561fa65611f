import { useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Checkbox, Descriptions, Empty, List, Modal, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import type { Licence, SelectedWorkQuery } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { useSelection } from '../../lib/selection';
import { formatBytes } from '../../lib/enums';
import { thumbnailUrl } from '../../lib/thumbs';
import { bulkPlan } from '../../lib/bulk';
import WorkThumb from '../../components/WorkThumb';
import withApp from '../../components/withApp';

const SelectedWorkDoc = graphql(`
  query SelectedWork($id: ID!) {
    work(id: $id) { id title titleEn kind creditLine hasFiles licence { code title } preview { thumbnailUrl posterUrl previewUrl mediaType } }
  }
`);

type SelectedWork = SelectedWorkQuery['work'];

/** The selected works as the caller may see them now (one query each, in parallel; a work gone public-no-more is left out). */
function useSelectedWorks(ids: readonly string[]) {
  const client = useClient();
  const [state, setState] = useState<{ key: string; works: SelectedWork[]; error: string | null } | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => client.query(SelectedWorkDoc, { id }).toPromise())).then((results) => {
      if (!live) return;
      const failed = results.find((r) => r.error && r.error.graphQLErrors?.[0]?.extensions?.code !== 'NOT_FOUND');
      setState({ key, works: results.flatMap((r) => (r.data?.work ? [r.data.work] : [])), error: failed ? errorMessage(failed.error) : null });
    });
    return () => { live = false; };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state?.key === key ? state : null;
}

const BulkDownloadMutation = graphql(`
  mutation BulkDownload($input: BulkDownloadInput!) {
    bulkDownload(input: $input) { id url fileName workCount fileCount totalBytes expiresAt }
  }
`);

/**
 * An outlet's selected works as one ZIP (bulkDownload): one acceptance of the licences they carry, then a link to the
 * archive of distribution copies with its manifest of credit lines and licences. Each file is logged as a download.
 */
function OutletSelectionPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const selection = useSelection();
  const [open, setOpen] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const loaded = useSelectedWorks(selection.ids);
  const data = loaded;
  const error = loaded?.error;
  const [{ data: zip, fetching: zipping, error: zipError }, bulk] = useMutation(BulkDownloadMutation);
  const works = loaded?.works ?? [];
  const plan = bulkPlan(selection.ids, works);

  async function download() {
    const r = await bulk({ input: { workIds: plan.downloadable, acceptLicences: plan.licences as Licence[] } });
    if (r.error || !r.data) return;
    setOpen(false);
    setAccepted(false);
    message.success(t('library.bulk.ready'));
    const a = document.createElement('a');
    a.href = r.data.bulkDownload.url;
    a.download = r.data.bulkDownload.fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  const result = zip?.bulkDownload;
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('outlet.selectionTitle')}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {!selection.ids.length ? <Empty description={t('outlet.noneSelected')} /> : (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <Button type="primary" icon={<DownloadOutlined />} disabled={!plan.downloadable.length} onClick={() => setOpen(true)} data-testid="bulk-download">
              {t('library.bulk.button', { count: plan.downloadable.length })}
            </Button>
            <Button onClick={selection.clear}>{t('outlet.clear')}</Button>
          </Space>
          {plan.withoutFiles.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('library.bulk.skipped', { count: plan.withoutFiles.length })} />}
          {plan.missing.length > 0 && data && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('library.bulk.missing', { count: plan.missing.length })} />}
          {result && (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="bulk-result"
              message={<a href={result.url} download={result.fileName}>{t('library.bulk.link', { name: result.fileName })}</a>}
              description={t('library.bulk.details', {
                works: result.workCount, files: result.fileCount, size: formatBytes(result.totalBytes),
                expires: new Date(result.expiresAt).toLocaleString(i18n.language),
              })} />
          )}
          <List
            dataSource={selection.ids}
            renderItem={(id) => {
              const w = works.find((x) => x.id === id);
              const title = w ? (en && w.titleEn) || w.title : id;
              return (
                <List.Item actions={[<Button key="r" size="small" onClick={() => selection.toggle(id, false)}>{t('outlet.remove')}</Button>]}>
                  <List.Item.Meta
                    avatar={w && <span style={{ width: 72, display: 'inline-block' }}><WorkThumb kind={w.kind} url={thumbnailUrl(w)} alt={title} /></span>}
                    title={w ? <Link to={`/works/${w.id}`}>{title}</Link> : <Typography.Text type="secondary">{data ? t('library.bulk.unavailable') : id}</Typography.Text>}
                    description={w && <><Tag color="blue">{t(`enum.Licence.${w.licence.code}`)}</Tag>{w.creditLine}{!w.hasFiles && <Tag>{t('outlet.noFile')}</Tag>}</>}
                  />
                </List.Item>
              );
            }}
          />
        </>
      )}
      <Modal open={open} title={t('work.licenceDialogTitle')} onCancel={() => setOpen(false)} okText={t('work.acceptAndDownload')}
        okButtonProps={{ disabled: !accepted, loading: zipping, 'data-testid': 'bulk-ok' } as never} onOk={() => void download()}>
        <Typography.Paragraph>{t('outlet.bulkLicence')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered>
          {plan.licences.map((code) => (
            <Descriptions.Item key={code} label={t(`enum.Licence.${code}`)}>
              {t('library.bulk.licenceWorks', { count: plan.byLicence[code] })}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)} style={{ marginTop: 12 }} data-testid="bulk-accept">
          {t('outlet.acceptAll')}
        </Checkbox>
        {zipError && <Alert type="error" showIcon message={errorMessage(zipError)} style={{ marginTop: 12 }} />}
      </Modal>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(OutletSelectionPage);
