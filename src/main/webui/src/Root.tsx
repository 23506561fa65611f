import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Provider as UrqlProvider } from 'urql';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { createApiClient } from './api/client';
import { getSession, onSessionChange, type Session } from './auth/session';
import { AccessProvider } from './auth/AccessContext';
import AppLayout from './components/AppLayout';
import PageLoading from './components/PageLoading';
import { lazyWithAntdStyles, loadAntdStylesWhenIdle } from './styles/antdStyles';
import theme from './theme.json';

const SearchPage = lazy(() => import('./pages/search/SearchPage'));
const WorkPage = lazy(() => import('./pages/work/WorkPage'));
const CollectionsPage = lazy(() => import('./pages/collections/CollectionsPage'));
const CollectionPage = lazy(() => import('./pages/collections/CollectionPage'));
const AwardsPage = lazyWithAntdStyles(() => import('./pages/awards/AwardsPage'));
const SignInPage = lazy(() => import('./pages/signin/SignInPage'));
const AuthCallbackPage = lazy(() => import('./pages/signin/AuthCallbackPage'));
// Every signed-in workspace (entrant, judge, moderator, organizer, outlet screens), its access checks and its texts
// load with the first of its routes: a public page's first load carries none of them.
const WorkspaceRoutes = lazy(() => import('./WorkspaceRoutes').then(async (m) => {
  await m.messagesReady;
  return m;
}));

export default function Root() {
  const { i18n } = useTranslation();
  const [session, setSessionState] = useState<Session | null>(getSession());
  useEffect(() => onSessionChange(setSessionState), []);
  // A new client per identity and language: no cached answer of one user is shown to the next, and server messages
  // come back in the chosen language.
  const client = useMemo(() => createApiClient(), [session?.token, i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(loadAntdStylesWhenIdle, []);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      // Styles are static CSS (scripts/antd-css.mjs, styles/antdStyles.ts): no style computed in the browser.
      theme={{ ...theme, zeroRuntime: true }}
    >
        <UrqlProvider value={client}>
          <BrowserRouter>
            <AccessProvider session={session}>
              <AppLayout>
                <Suspense fallback={<PageLoading />}>
                  <Routes>
                    <Route path="/" element={<SearchPage />} />
                    <Route path="/works/:id" element={<WorkPage />} />
                    <Route path="/collections" element={<CollectionsPage />} />
                    <Route path="/collections/:id" element={<CollectionPage />} />
                    <Route path="/awards" element={<AwardsPage />} />
                    <Route path="/awards/:contestId" element={<AwardsPage />} />
                    <Route path="/signin" element={<SignInPage />} />
                    <Route path="/auth/callback" element={<AuthCallbackPage />} />
                    <Route path="*" element={<WorkspaceRoutes />} />
                  </Routes>
                </Suspense>
              </AppLayout>
            </AccessProvider>
          </BrowserRouter>
        </UrqlProvider>
    </ConfigProvider>
  );
}
