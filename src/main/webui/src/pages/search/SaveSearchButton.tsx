import { useState } from 'react';
import { useMutation } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Input, Modal, Space, Switch, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import type { SearchFilter } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { savedFilterInput } from '../../lib/searchParams';

export const SaveSearchMutation = graphql(`
  mutation SaveSearch($input: SavedSearchInput!) {
    saveSearch(input: $input) { id name query alerts createdAt updatedAt }
  }
`);

/** Media outlets: keeps the current search (text and filters) under a name, optionally with e-mail alerts. */
export default function SaveSearchButton({ query, filter }: { query: string; filter: SearchFilter }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [alerts, setAlerts] = useState(true);
  const [saved, setSaved] = useState(false);
  const [{ fetching, error }, save] = useMutation(SaveSearchMutation);

  function show() {
    setName(query.trim().slice(0, 100));
    setSaved(false);
    setOpen(true);
  }

  async function submit() {
    const r = await save({ input: { name: name.trim(), query: query.trim() || null, filter: savedFilterInput(filter), alerts } });
    if (!r.error) {
      setOpen(false);
      setSaved(true);
    }
  }

  return (
    <>
      <Button icon={<SaveOutlined />} onClick={show} data-testid="save-search">{t('library.save.button')}</Button>
      {saved && (
        <Typography.Text type="success" role="status">
          {t('library.save.done')} <Link to="/library/saved-searches">{t('library.saved.title')}</Link>
        </Typography.Text>
      )}
      <Modal open={open} title={t('library.save.title')} onCancel={() => setOpen(false)} okText={t('library.save.ok')}
        okButtonProps={{ disabled: !name.trim(), loading: fetching }} onOk={() => void submit()} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="saved-search-name">{t('library.save.name')}</label>
          <Input id="saved-search-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="save-search-name" />
          <Space>
            <Switch id="saved-search-alerts" checked={alerts} onChange={setAlerts} />
            <label htmlFor="saved-search-alerts">{t('library.save.alerts')}</label>
          </Space>
          {error && <Alert type="error" showIcon message={errorMessage(error)} />}
        </Space>
      </Modal>
    </>
  );
}
