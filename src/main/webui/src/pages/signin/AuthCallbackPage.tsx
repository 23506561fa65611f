import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { loadWebConfig } from '../../auth/webConfig';
import { completeOidcSignIn } from '../../auth/oidc';

/** The identity provider redirects here with the authorization code; the code is exchanged (PKCE) for tokens. */
export default function AuthCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      const config = await loadWebConfig();
      if (!config.oidc) {
        setError(t('signin.none'));
        return;
      }
      try {
        const to = await completeOidcSignIn(config.oidc);
        navigate(to === '/' ? '/signin/home' : to, { replace: true });
      } catch (e) {
        setError(String(e));
      }
    })();
  }, [navigate, t]);
  return error ? <Alert type="error" showIcon message={t('signin.failed')} description={error} /> : <Spin size="large" />;
}
