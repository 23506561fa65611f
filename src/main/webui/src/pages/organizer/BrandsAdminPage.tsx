import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import type { BrandKind } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import AccountPicker from '../../components/AccountPicker';
import withApp from '../../components/withApp';
import BrandLogoField from './BrandLogoField';

const BrandsQuery = graphql(`
  query AdminBrands($query: String, $first: Int, $after: String) {
    brands(query: $query, first: $first, after: $after) {
      edges { node { id name nameEn kind ownerOrganization description descriptionEn managerIds publishedWorkCount version logoAssetId logo { thumbnailUrl } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const CreateBrandMutation = graphql(`
  mutation CreateBrand($input: BrandInput!) { createBrand(input: $input) { id version } }
`);
const UpdateBrandMutation = graphql(`
  mutation UpdateBrand($id: ID!, $version: Int!, $input: BrandInput!) { updateBrand(id: $id, version: $version, input: $input) { id version } }
`);

const KINDS: BrandKind[] = ['COLUMN', 'VIDEO_CHANNEL', 'PODCAST', 'BOOK_SERIES', 'EVENT_SERIES', 'VOLUNTEER_SERVICE', 'OTHER'];
const PAGE = 25;

interface BrandForm {
  name: string; nameEn?: string; kind: BrandKind; ownerOrganization: string; description?: string; descriptionEn?: string;
  managers?: { id?: string }[];
  logoAssetId?: string | null;
}
interface Editing { id: string; version: number; values: BrandForm; logoUrl: string | null }

/** The brand form (its own form instance each time the dialog opens, so one brand's values never leak into another). */
function BrandEditor({ editing, saving, onSave }: { editing: Editing | 'new'; saving: boolean; onSave: (v: BrandForm) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BrandForm>();
  const watchedName = Form.useWatch('name', form);
  const watchedOrg = Form.useWatch('ownerOrganization', form);
  return (
    <Form form={form} layout="vertical" initialValues={editing === 'new' ? { kind: 'COLUMN', managers: [], logoAssetId: '' } : editing.values} onFinish={onSave}>
      <Form.Item name="name" label={t('staff.brands.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
      <Form.Item name="nameEn" label={t('staff.brands.nameEn')}><Input /></Form.Item>
      <Form.Item name="kind" label={t('staff.brands.kind')} rules={[{ required: true, message: t('form.required') }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`staff.brands.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="ownerOrganization" label={t('staff.brands.owner')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
      <Form.Item name="description" label={t('staff.brands.description')}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="descriptionEn" label={t('staff.brands.descriptionEn')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="logoAssetId" label={t('staff.brands.logo')}>
        <BrandLogoField brandId={editing === 'new' ? null : editing.id} brandName={watchedName ?? ''} ownerOrganization={watchedOrg ?? ''}
          thumbnailUrl={editing === 'new' ? null : editing.logoUrl} />
      </Form.Item>
      <Typography.Text strong>{t('staff.brands.managers')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('staff.brands.managersHint')}</Typography.Paragraph>
      <Form.List name="managers">
        {(fields, { add, remove }) => (<>
          {fields.map((f, i) => (
            <Space key={f.key} align="baseline">
              <Form.Item name={[f.name, 'id']} rules={[{ required: true, message: t('form.required') }]}><AccountPicker style={{ width: 420 }} label={`${t('staff.brands.managers')} ${i + 1}`} /></Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('organizer.remove')} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>{t('staff.brands.addManager')}</Button>
        </>)}
      </Form.List>
      <div><Button type="primary" htmlType="submit" loading={saving} data-testid="brand-save">{t('staff.brands.save')}</Button></div>
    </Form>
  );
}

/** Brands and series (科普品牌、栏目): organizers create them, edit them and name the accounts that manage them. */
function BrandsAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({ query: BrandsQuery, variables: { query: query || null, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Editing | 'new' | null>(null);
  const [{ fetching: creating }, create] = useMutation(CreateBrandMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateBrandMutation);
  const rows = (data?.brands.edges ?? []).map((e) => e.node);

  async function save(v: BrandForm) {
    const input = {
      name: v.name.trim(), nameEn: v.nameEn?.trim() || null, kind: v.kind, ownerOrganization: v.ownerOrganization.trim(),
      description: v.description?.trim() || null, descriptionEn: v.descriptionEn?.trim() || null,
      managerIds: (v.managers ?? []).map((m) => m.id?.trim()).filter((x): x is string => !!x),
      logoAssetId: v.logoAssetId || null,
    };
    const r = editing && editing !== 'new'
      ? await update({ id: editing.id, version: editing.version, input })
      : await create({ input });
    if (r.error) message.error(errorMessage(r.error));
    else { message.success(t('staff.brands.saved')); setEditing(null); refetch({ requestPolicy: 'network-only' }); }
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('staff.brands.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('staff.brands.search')} placeholder={t('staff.brands.search')} allowClear style={{ width: 260 }}
          onSearch={(v) => { setQuery(v.trim()); setAfter(null); }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="brand-new">{t('staff.brands.new')}</Button>
      </Space>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table rowKey="id" loading={fetching && !data} dataSource={rows} pagination={false} scroll={{ x: true }} size="small"
        columns={[
          {
            title: t('staff.brands.logo'), render: (_, b) => (b.logo?.thumbnailUrl
              ? <img src={b.logo.thumbnailUrl} alt={t('staff.brands.logoAlt', { name: b.name })} width={48} height={48} style={{ objectFit: 'contain' }} data-testid="brand-row-logo" />
              : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: t('staff.brands.name'), render: (_, b) => <span data-testid="brand-row">{b.name}{b.nameEn ? ` / ${b.nameEn}` : ''}</span> },
          { title: t('staff.brands.kind'), render: (_, b) => t(`staff.brands.kinds.${b.kind}`) },
          { title: t('staff.brands.owner'), dataIndex: 'ownerOrganization' },
          { title: t('staff.brands.works'), dataIndex: 'publishedWorkCount' },
          { title: t('staff.brands.managers'), render: (_, b) => b.managerIds?.length ?? 0 },
          {
            title: t('staff.works.actions'), render: (_, b) => (
              <Button size="small" data-testid="brand-edit" aria-label={`${t('staff.brands.edit')} ${b.name}`} onClick={() => setEditing({
                id: b.id, version: b.version, logoUrl: b.logo?.thumbnailUrl ?? null, values: {
                  name: b.name, nameEn: b.nameEn ?? undefined, kind: b.kind, ownerOrganization: b.ownerOrganization,
                  description: b.description, descriptionEn: b.descriptionEn ?? undefined, managers: (b.managerIds ?? []).map((id) => ({ id })), logoAssetId: b.logoAssetId ?? '',
                },
              })}>{t('staff.brands.edit')}</Button>
            ),
          },
        ]} />
      <Space style={{ marginTop: 12 }}>
        {after && <Button onClick={() => setAfter(null)}>{t('search.first')}</Button>}
        {data?.brands.pageInfo.hasNextPage && <Button onClick={() => setAfter(data.brands.pageInfo.endCursor)}>{t('search.next')}</Button>}
      </Space>
      <Modal open={!!editing} width={640} onCancel={() => setEditing(null)} footer={null} destroyOnHidden
        title={editing === 'new' ? t('staff.brands.new') : t('staff.brands.edit')}>
        {editing && <BrandEditor editing={editing} saving={creating || updating} onSave={(v) => void save(v)} />}
      </Modal>
    </div>
  );
}

export default withApp(BrandsAdminPage);
