import { useMutation } from 'urql';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { graphql } from '../../gql';
import type { ContestInput, Declaration, WorkKind } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { DECLARATIONS, WORK_KINDS } from '../../lib/enums';

const CreateContestMutation = graphql(`
  mutation CreateContest($input: ContestInput!) { createContest(input: $input) { id } }
`);

interface FormValues {
  title: string; year: number; theme: string; description?: string; timeZone: string; entryLimit?: number;
  submission: [Dayjs, Dayjs]; judging?: [Dayjs, Dayjs];
  requiredDeclarations: Declaration[];
  categories: { code: string; name: string; acceptedKinds: WorkKind[]; mimeTypes?: string[]; maxDurationSeconds?: number; minWidth?: number; minHeight?: number }[];
  rubric: { code: string; name: string; scaleMax: number; weight: number }[];
  rounds: { name: string; judgesPerEntry: number; shortlistSize?: number }[];
}

/** Create and schedule a contest: categories with media rules, the rubric, rounds and the declarations asked for. */
export default function ContestCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [{ fetching, error }, create] = useMutation(CreateContestMutation);
  const required = [{ required: true, message: t('form.required') }];
  async function onFinish(v: FormValues) {
    const input: ContestInput = {
      title: v.title, year: v.year, theme: v.theme, description: v.description ?? null, timeZone: v.timeZone, entryLimit: v.entryLimit ?? null,
      requiredDeclarations: v.requiredDeclarations,
      schedule: {
        submissionOpensAt: v.submission[0].toISOString(), submissionClosesAt: v.submission[1].toISOString(),
        judgingOpensAt: v.judging?.[0]?.toISOString() ?? null, judgingClosesAt: v.judging?.[1]?.toISOString() ?? null,
      },
      categories: v.categories.map((c) => ({ ...c, mimeTypes: c.mimeTypes ?? [], maxDurationSeconds: c.maxDurationSeconds ?? null, minWidth: c.minWidth ?? null, minHeight: c.minHeight ?? null })),
      rubric: v.rubric,
      rounds: v.rounds.map((r) => ({ ...r, shortlistSize: r.shortlistSize ?? null })),
    };
    const r = await create({ input });
    if (!r.error) navigate(`/organizer/contests/${r.data!.createContest.id}`);
  }
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('organizer.newContest')}</Typography.Title>
      <Form<FormValues> layout="vertical" onFinish={(v) => void onFinish(v)} initialValues={{
        year: new Date().getFullYear(), timeZone: 'Asia/Shanghai', requiredDeclarations: [...DECLARATIONS],
        categories: [{ code: 'VIDEO', name: t('organizer.defaults.videoCategory'), acceptedKinds: ['SHORT_VIDEO'] }],
        rubric: [{ code: 'SCI', name: t('organizer.defaults.science'), scaleMax: 10, weight: 2 }, { code: 'ART', name: t('organizer.defaults.artistry'), scaleMax: 10, weight: 1 }],
        rounds: [{ name: t('organizer.defaults.firstRound'), judgesPerEntry: 1 }],
      }}>
        <Card title={t('organizer.basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="title" label={t('organizer.contestTitle')} rules={required}><Input /></Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('organizer.year')} rules={required}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="timeZone" label={t('organizer.timeZone')} rules={required}><Input /></Form.Item>
            <Form.Item name="entryLimit" label={t('organizer.entryLimit')}><InputNumber min={1} /></Form.Item>
          </Space>
          <Form.Item name="theme" label={t('organizer.theme')} rules={required}><Input /></Form.Item>
          <Form.Item name="description" label={t('work.description')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="submission" label={t('organizer.submissionWindow')} rules={required}><DatePicker.RangePicker showTime /></Form.Item>
          <Form.Item name="judging" label={t('organizer.judgingWindow')}><DatePicker.RangePicker showTime /></Form.Item>
          <Form.Item name="requiredDeclarations" label={t('submit.declarations')}>
            <Checkbox.Group options={DECLARATIONS.map((d) => ({ value: d, label: t(`enum.Declaration.${d}`) }))} />
          </Form.Item>
        </Card>
        <Card title={t('organizer.categories')} style={{ marginBottom: 16 }}>
          <Form.List name="categories">
            {(fields, { add, remove }) => (<>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'code']} label={t('organizer.code')} rules={required}><Input style={{ width: 100 }} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} label={t('organizer.name')} rules={required}><Input /></Form.Item>
                  <Form.Item name={[f.name, 'acceptedKinds']} label={t('organizer.kinds')} rules={required}>
                    <Select mode="multiple" style={{ minWidth: 160 }} options={WORK_KINDS.map((k) => ({ value: k, label: t(`enum.WorkKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'mimeTypes']} label={t('organizer.mimeTypes')}><Select mode="tags" style={{ minWidth: 160 }} /></Form.Item>
                  <Form.Item name={[f.name, 'maxDurationSeconds']} label={t('organizer.maxDuration')}><InputNumber min={1} /></Form.Item>
                  <Form.Item name={[f.name, 'minWidth']} label={t('organizer.minWidth')}><InputNumber min={1} /></Form.Item>
                  <Form.Item name={[f.name, 'minHeight']} label={t('organizer.minHeight')}><InputNumber min={1} /></Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('organizer.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ acceptedKinds: [] })}>{t('organizer.addCategory')}</Button>
            </>)}
          </Form.List>
        </Card>
        <Card title={t('judge.rubric')} style={{ marginBottom: 16 }}>
          <Form.List name="rubric">
            {(fields, { add, remove }) => (<>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'code']} label={t('organizer.code')} rules={required}><Input style={{ width: 100 }} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} label={t('organizer.name')} rules={required}><Input /></Form.Item>
                  <Form.Item name={[f.name, 'scaleMax']} label={t('organizer.scaleMax')} rules={required}><InputNumber min={1} max={100} /></Form.Item>
                  <Form.Item name={[f.name, 'weight']} label={t('judge.weight')} rules={required}><InputNumber min={0.1} step={0.5} /></Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('organizer.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ scaleMax: 10, weight: 1 })}>{t('organizer.addCriterion')}</Button>
            </>)}
          </Form.List>
        </Card>
        <Card title={t('organizer.rounds')} style={{ marginBottom: 16 }}>
          <Form.List name="rounds">
            {(fields, { add, remove }) => (<>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']} label={t('organizer.name')} rules={required}><Input /></Form.Item>
                  <Form.Item name={[f.name, 'judgesPerEntry']} label={t('organizer.judgesPerEntry')} rules={required}><InputNumber min={1} /></Form.Item>
                  <Form.Item name={[f.name, 'shortlistSize']} label={t('organizer.shortlistSize')}><InputNumber min={1} /></Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('organizer.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ judgesPerEntry: 3 })}>{t('organizer.addRound')}</Button>
            </>)}
          </Form.List>
        </Card>
        {error && <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={fetching}>{t('organizer.createContest')}</Button>
      </Form>
    </div>
  );
}
