import { useMutation } from 'urql';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { graphql } from '../../gql';
import type { OrganizationType, Region } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import { ORGANIZATION_TYPES, REGIONS } from '../../lib/enums';

const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { id displayName roles }
  }
`);

/** First sign-in through the identity provider: the profile the service keeps (name, organisation, region). */
export default function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [{ fetching, error }, register] = useMutation(RegisterMutation);
  async function onFinish(values: { displayName: string; organization?: string; organizationType: OrganizationType; region: Region }) {
    const r = await register({ input: values });
    if (!r.error) window.location.assign('/signin/home');
  }
  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('register.title')}</Typography.Title>
      <Typography.Paragraph>{t('register.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={onFinish} initialValues={{ organizationType: 'INDIVIDUAL', region: 'BEIJING' }}>
        <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true, message: t('form.required') }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="organizationType" label={t('register.organizationType')} rules={[{ required: true }]}>
          <Select options={ORGANIZATION_TYPES.map((o) => ({ value: o, label: t(`enum.OrganizationType.${o}`) }))} />
        </Form.Item>
        <Form.Item name="organization" label={t('register.organization')}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item name="region" label={t('register.region')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={REGIONS.map((r) => ({ value: r, label: t(`enum.Region.${r}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>{t('register.submit')}</Button>
        <Button type="link" onClick={() => navigate('/')}>{t('form.cancel')}</Button>
      </Form>
    </div>
  );
}
