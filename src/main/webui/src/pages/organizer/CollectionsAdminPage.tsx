import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Form, Input, List, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { graphql } from '../../gql';
import type { CollectionInput } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import withApp from '../../components/withApp';

const AdminCollectionsQuery = graphql(`
  query AdminCollections { collections { id title titleEn description version works { id title } } }
`);
const PublishedWorksQuery = graphql(`
  query PublishedWorksForCollections($query: String) {
    searchWorks(query: $query, first: 50) { edges { node { id title } } }
  }
`);
const CreateCollectionMutation = graphql(`
  mutation CreateCollection($input: CollectionInput!) { createCollection(input: $input) { id } }
`);
const UpdateCollectionMutation = graphql(`
  mutation UpdateCollection($id: ID!, $version: Int!, $input: CollectionInput!) { updateCollection(id: $id, version: $version, input: $input) { id version } }
`);
const DeleteCollectionMutation = graphql(`
  mutation DeleteCollection($id: ID!) { deleteCollection(id: $id) }
`);

type Editing = { id?: string; version?: number; input: CollectionInput };

/** Collections (专题) of published works: create, edit the works and their order, delete. */
function CollectionsAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [{ data, error }, refetch] = useQuery({ query: AdminCollectionsQuery, requestPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [search, setSearch] = useState('');
  const [{ data: works }] = useQuery({ query: PublishedWorksQuery, variables: { query: search || null }, pause: !editing });
  const [, create] = useMutation(CreateCollectionMutation);
  const [, update] = useMutation(UpdateCollectionMutation);
  const [, remove] = useMutation(DeleteCollectionMutation);
  const known = new Map<string, string>();
  data?.collections.forEach((c) => c.works.forEach((w) => known.set(w.id, w.title)));
  works?.searchWorks.edges.forEach((e) => known.set(e.node.id, e.node.title));

  async function save(values: CollectionInput) {
    const input = { ...values, workIds: values.workIds ?? [] };
    const r = editing?.id ? await update({ id: editing.id, version: editing.version!, input }) : await create({ input });
    if (r.error) message.error(errorMessage(r.error));
    else { setEditing(null); refetch({ requestPolicy: 'network-only' }); }
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('nav.collectionsAdmin')}</Typography.Title>
      <Button type="primary" onClick={() => setEditing({ input: { title: '', workIds: [] } })} style={{ marginBottom: 16 }}>{t('organizer.newCollection')}</Button>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <List dataSource={data?.collections ?? []} renderItem={(c) => (
        <List.Item actions={[
          <Button key="e" onClick={() => setEditing({ id: c.id, version: c.version, input: { title: c.title, titleEn: c.titleEn, description: c.description, workIds: c.works.map((w) => w.id) } })}>{t('form.edit')}</Button>,
          <Popconfirm key="d" title={t('organizer.deleteConfirm')} onConfirm={async () => { await remove({ id: c.id }); refetch({ requestPolicy: 'network-only' }); }}>
            <Button danger>{t('form.delete')}</Button>
          </Popconfirm>,
        ]}>
          <List.Item.Meta title={<Link to={`/collections/${c.id}`}>{c.title}</Link>} description={t('collections.count', { count: c.works.length })} />
        </List.Item>
      )} />
      <Modal open={!!editing} title={editing?.id ? t('form.edit') : t('organizer.newCollection')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden width={720}>
        {editing && (
          <Form layout="vertical" initialValues={editing.input} onFinish={(v: CollectionInput) => void save(v)}>
            <Form.Item name="title" label={t('organizer.name')} rules={[{ required: true, message: t('form.required') }]}><Input /></Form.Item>
            <Form.Item name="titleEn" label={t('work.titleEn')}><Input /></Form.Item>
            <Form.Item name="description" label={t('work.description')}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="workIds" label={t('organizer.collectionWorks')}>
              <Select mode="multiple" showSearch filterOption={false} onSearch={setSearch}
                options={[...known.entries()].map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Card size="small"><Space><Button type="primary" htmlType="submit">{t('form.save')}</Button></Space></Card>
          </Form>
        )}
      </Modal>
    </div>
  );
}

/** Messages and dialogs need antd's App context; it loads with this page, not with the first page. */
export default withApp(CollectionsAdminPage);
