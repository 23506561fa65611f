import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import PageLoading from '../components/PageLoading';
import type { Capability } from '../access';
import { useAccess } from './AccessContext';

/** Shows the page only to roles that may use it; others are asked to sign in or told they lack the role. */
export function RequireAccess({ need, children }: { need: Capability; children: ReactNode }) {
  const { access, loading } = useAccess();
  const { t } = useTranslation();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!access.signedIn) {
    return (
      <section className="notice">
        <h1>{t('access.signInTitle')}</h1>
        <p>{t('access.signInHint')}</p>
        <Link to={`/signin?returnTo=${encodeURIComponent(location.pathname)}`}><Button type="primary">{t('nav.signIn')}</Button></Link>
      </section>
    );
  }
  if (!access[need]) {
    return (
      <section className="notice">
        <h1>{t('access.forbiddenTitle')}</h1>
        <p>{t('access.forbiddenHint')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
