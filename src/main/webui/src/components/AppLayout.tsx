import { useEffect, type ReactNode } from 'react';
import { Button, Space } from 'antd';
import { LogoutOutlined, GlobalOutlined } from '@ant-design/icons';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../auth/AccessContext';
import { setSession } from '../auth/session';
import { setLanguage } from '../i18n';
import { menuItems } from './menu';
import { hasFirstScreen, releaseFirstScreen } from '../lib/firstScreen';

/**
 * The shell: a plain list of links (wraps and scrolls on a phone; no menu widget, which keeps the first load small),
 * the language switch and the signed-in person. Header, main and footer are plain elements (antd's Layout added its
 * code and a second <main> around ours).
 */
export default function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { access, displayName, session } = useAccess();
  const location = useLocation();
  const navigate = useNavigate();
  const english = i18n.language === 'en-US';
  // A work page's or the search page's server-rendered first screen stays until that page replaces it; any other page
  // shows at once.
  useEffect(() => { if (!hasFirstScreen(location.pathname)) releaseFirstScreen(); }, [location.pathname]);

  return (
    <div className="app-layout">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <header className="app-header">
        <Link to="/" className="app-brand">{t('app.name')}</Link>
        <nav className="app-nav" aria-label={t('nav.main')}>
          <ul>
            {menuItems(access, t).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Space size={4} className="app-user">
          <Button
            type="text"
            className="on-dark"
            icon={<GlobalOutlined />}
            onClick={() => void setLanguage(english ? 'zh-CN' : 'en-US')}
            // The name starts with the visible text (WCAG 2.5.3, label in name), then says what it does.
            aria-label={`${english ? '中文' : 'EN'} · ${t('nav.switchLanguage')}`}
            lang={english ? 'zh-CN' : 'en'}
          >
            {english ? '中文' : 'EN'}
          </Button>
          {session ? (
            <>
              <span className="app-username" data-testid="user-menu" title={t('nav.signedInAs', { name: displayName ?? '' })}>{displayName}</span>
              <Button type="text" className="on-dark" icon={<LogoutOutlined />} aria-label={t('nav.signOut')}
                onClick={() => { setSession(null); navigate('/'); }} />
            </>
          ) : (
            <Link to={`/signin?returnTo=${encodeURIComponent(location.pathname + location.search)}`} className="app-signin">{t('nav.signIn')}</Link>
          )}
        </Space>
      </header>
      <div className="app-body">
        <main id="main" className="app-content" tabIndex={-1}>{children}</main>
      </div>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
