import { useEffect, useState } from 'react';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { loadWebConfig, type WebConfig } from '../../auth/webConfig';
import { setSession } from '../../auth/session';
import { startOidcSignIn } from '../../auth/oidc';

/** Sign-in: the identity provider (authorization code + PKCE) in production, the demo-account picker in dev builds. */
export default function SignInPage() {
  const { t } = useTranslation();
  const [config, setConfig] = useState<WebConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const returnTo = params.get('returnTo')?.startsWith('/') ? params.get('returnTo')! : null;

  useEffect(() => {
    void loadWebConfig().then(setConfig);
  }, []);

  async function devSignIn(login: string) {
    setError(null);
    const response = await fetch(`/dev/token/${encodeURIComponent(login)}`);
    if (!response.ok) {
      setError(t('signin.devFailed', { login }));
      return;
    }
    setSession({ token: (await response.text()).trim(), source: 'dev', login });
    navigate(returnTo ?? '/signin/home', { replace: true });
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 560, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('signin.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {config?.oidc && (
        <Card title={t('signin.oidcTitle')}>
          <Typography.Paragraph>{t('signin.oidcHint')}</Typography.Paragraph>
          <Button type="primary" size="large" onClick={() => void startOidcSignIn(config.oidc!, returnTo ?? '/')}>
            {t('signin.oidcButton')}
          </Button>
        </Card>
      )}
      {config?.devSignIn && (
        <Card title={t('signin.devTitle')}>
          <Typography.Paragraph type="secondary">{t('signin.devHint')}</Typography.Paragraph>
          <List
            dataSource={config.demoLogins}
            renderItem={(login) => (
              <List.Item
                actions={[
                  <Button key="go" onClick={() => void devSignIn(login)} data-testid={`dev-login-${login}`} aria-label={t('signin.as', { login })}>
                    {t('signin.signInButton')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={login} description={t(`signin.demo.${login.replace(/\d+$/, '')}`, { defaultValue: '' })} />
              </List.Item>
            )}
          />
        </Card>
      )}
      {config && !config.oidc && !config.devSignIn && <Alert type="warning" showIcon message={t('signin.none')} />}
    </Space>
  );
}
