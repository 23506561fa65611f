import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import type { WorkInput } from '../../gql/graphql';
import { LICENCES, REGIONS, WORK_KINDS } from '../../lib/enums';

const FormOptionsQuery = graphql(`
  query WorkFormOptions {
    topics { code nameZh nameEn }
    licences { code title }
  }
`);

/** The fields of a work (updateWork replaces them as a whole, so the form always sends all of them). */
export default function WorkForm({ initial, submitting, onSubmit, submitLabel }: {
  initial: Partial<WorkInput>;
  submitting: boolean;
  onSubmit: (input: WorkInput) => void;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: FormOptionsQuery });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Form
      layout="vertical"
      initialValues={{ creators: [{ name: '' }], tags: [], topics: [], ...initial }}
      onFinish={(v: WorkInput) => onSubmit({ ...v, tags: v.tags ?? [], creators: v.creators.map((c) => ({ ...c })) })}
      style={{ maxWidth: 720 }}
    >
      <Form.Item name="title" label={t('work.titleZh')} rules={required}><Input maxLength={200} data-testid="work-title" /></Form.Item>
      <Form.Item name="titleEn" label={t('work.titleEn')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="kind" label={t('work.kind')} rules={required}>
        <Select data-testid="work-kind" options={WORK_KINDS.map((k) => ({ value: k, label: t(`enum.WorkKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="description" label={t('work.description')}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
      <Form.Item name="descriptionEn" label={t('work.descriptionEn')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      <Form.Item name="topics" label={t('work.topics')} rules={[...required, { type: 'array', min: 1, max: 3, message: t('work.topicsRule') }]}>
        <Select mode="multiple" maxCount={3} data-testid="work-topics" optionFilterProp="label"
          options={(data?.topics ?? []).map((tp) => ({ value: tp.code, label: i18n.language === 'en-US' ? tp.nameEn : tp.nameZh }))} />
      </Form.Item>
      <Form.Item name="licence" label={t('work.licence')} rules={required}>
        <Select data-testid="work-licence" options={LICENCES.map((l) => ({ value: l, label: t(`enum.Licence.${l}`) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('work.region')} rules={required}>
        <Select showSearch optionFilterProp="label" data-testid="work-region" options={REGIONS.map((r) => ({ value: r, label: t(`enum.Region.${r}`) }))} />
      </Form.Item>
      <Form.Item name="tags" label={t('work.tags')}><Select mode="tags" tokenSeparators={[',', '，']} /></Form.Item>
      <Form.List name="creators">
        {(fields, { add, remove }) => (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('work.creators')}</legend>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'name']} rules={required} label={t('work.creatorName', { n: index + 1 })}>
                  <Input data-testid={`creator-name-${index}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'affiliation']} label={t('work.creatorAffiliation')}><Input /></Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('work.removeCreator')} />}
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ name: '' })} icon={<PlusOutlined />}>{t('work.addCreator')}</Button>
          </fieldset>
        )}
      </Form.List>
      <Form.Item name="creditLine" label={t('work.credit')} extra={t('work.creditHint')} style={{ marginTop: 16 }}><Input /></Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="work-save">{submitLabel}</Button>
    </Form>
  );
}
