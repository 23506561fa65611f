import { useMutation, useQuery } from 'urql';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Empty, List, Popconfirm, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, SearchOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import { SaveSearchMutation } from '../search/SaveSearchButton';
import { hasHiddenFilters, paramsFromSaved, savedFilterInput, type SavedFilter } from '../../lib/searchParams';
import withApp from '../../components/withApp';

const SavedSearchesQuery = graphql(`
  query MySavedSearches {
    mySavedSearches {
      id name query alerts createdAt updatedAt
      filter {
        aiDeclared aiDetected aiGenerated aiMismatch audienceLevels awardTiers brandIds collectionIds contestIds hasFiles
        kinds licences maxVideoSeconds minVideoSeconds orientations publishedFrom publishedTo regions topics
      }
    }
  }
`);

const DeleteSavedSearchMutation = graphql(`
  mutation DeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id)
  }
`);

/** Labels of the values a saved filter names, for reading the list (the search page shows the rest). */
function FilterTags({ filter }: { filter: SavedFilter | null | undefined }) {
  const { t } = useTranslation();
  const input = savedFilterInput(filter);
  if (!input) return null;
  const label = (key: string, value: unknown): string => {
    switch (key) {
      case 'kinds': return t(`enum.WorkKind.${String(value)}`);
      case 'licences': return t(`enum.Licence.${String(value)}`);
      case 'regions': return t(`enum.Region.${String(value)}`);
      case 'awardTiers': return t(`enum.AwardTier.${String(value)}`);
      case 'audienceLevels': return t(`library.audience.${String(value)}`);
      case 'aiGenerated': return t(value ? 'library.ai.yes' : 'library.ai.no');
      case 'hasFiles': return t('library.facet.hasFiles');
      default: return `${key}: ${String(value)}`;
    }
  };
  return (
    <>
      {Object.entries(input).flatMap(([key, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => <Tag key={`${key}-${String(v)}`}>{label(key, v)}</Tag>))}
    </>
  );
}

/**
 * A media outlet's saved searches (the saved-search alert e-mails link here): run one on the search page, switch its
 * e-mail alerts, delete it.
 */
function SavedSearchesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reload] = useQuery({ query: SavedSearchesQuery, requestPolicy: 'cache-and-network' });
  const [, save] = useMutation(SaveSearchMutation);
  const [, remove] = useMutation(DeleteSavedSearchMutation);
  type Saved = NonNullable<typeof data>['mySavedSearches'][number];

  async function setAlerts(s: Saved, alerts: boolean) {
    const r = await save({ input: { id: s.id, name: s.name, query: s.query || null, filter: savedFilterInput(s.filter), alerts } });
    if (r.error) message.error(errorMessage(r.error));
    else message.success(t(alerts ? 'library.saved.alertsOn' : 'library.saved.alertsOff'));
  }

  async function del(s: Saved) {
    const r = await remove({ id: s.id });
    if (r.error) message.error(errorMessage(r.error));
    else {
      message.success(t('library.saved.deleted', { name: s.name }));
      reload({ requestPolicy: 'network-only' });
    }
  }

  const searches = data?.mySavedSearches ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('library.saved.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.saved.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {fetching && !data && <Skeleton active />}
      {data && !searches.length && <Empty description={t('library.saved.empty')} />}
      {searches.length > 0 && (
        <List
          dataSource={searches}
          renderItem={(s) => (
            <List.Item
              data-testid="saved-search"
              actions={[
                <Button key="run" type="primary" icon={<SearchOutlined />} onClick={() => navigate(`/?${paramsFromSaved(s.query, s.filter).toString()}`)}>
                  {t('library.saved.run')}
                </Button>,
                <Space key="alerts">
                  <Switch id={`alerts-${s.id}`} checked={s.alerts} onChange={(on) => void setAlerts(s, on)} />
                  <label htmlFor={`alerts-${s.id}`}>{t('library.saved.alerts')}</label>
                </Space>,
                <Popconfirm key="del" title={t('library.saved.confirmDelete', { name: s.name })} onConfirm={() => void del(s)}
                  okText={t('library.saved.delete')} cancelText={t('library.cancel')}>
                  <Button danger icon={<DeleteOutlined />} aria-label={t('library.saved.deleteNamed', { name: s.name })}>{t('library.saved.delete')}</Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={s.name}
                description={
                  <Space direction="vertical" size={2}>
                    <span>{s.query ? t('library.saved.query', { query: s.query }) : t('library.saved.noQuery')} <FilterTags filter={s.filter} /></span>
                    {hasHiddenFilters(s.filter) && <Typography.Text type="warning">{t('library.saved.hiddenFilters')}</Typography.Text>}
                    <Typography.Text type="secondary">{t('library.saved.createdAt', { date: new Date(s.createdAt).toLocaleDateString(i18n.language) })}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** Messages and confirmations need antd's App context; it loads with this page. */
export default withApp(SavedSearchesPage);
