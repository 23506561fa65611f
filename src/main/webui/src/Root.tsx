import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Provider as UrqlProvider } from 'urql';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { createApiClient } from './api/client';
import { getSession, onSessionChange, type Session } from './auth/session';
import { AccessProvider, RequireAccess } from './auth/AccessContext';
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
const PostSignInPage = lazy(() => import('./pages/signin/PostSignInPage'));
const RegisterPage = lazyWithAntdStyles(() => import('./pages/signin/RegisterPage'));
const MyWorksPage = lazyWithAntdStyles(() => import('./pages/entrant/MyWorksPage'));
const WorkEditPage = lazyWithAntdStyles(() => import('./pages/entrant/WorkEditPage'));
const MySubmissionsPage = lazyWithAntdStyles(() => import('./pages/entrant/MySubmissionsPage'));
const JudgeHomePage = lazyWithAntdStyles(() => import('./pages/judge/JudgeHomePage'));
const JudgeEntryPage = lazyWithAntdStyles(() => import('./pages/judge/JudgeEntryPage'));
const ModerationPage = lazyWithAntdStyles(() => import('./pages/moderation/ModerationPage'));
const ContestsAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/ContestsAdminPage'));
const ContestCreatePage = lazyWithAntdStyles(() => import('./pages/organizer/ContestCreatePage'));
const ContestAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/ContestAdminPage'));
const CollectionsAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/CollectionsAdminPage'));
const OutletSelectionPage = lazyWithAntdStyles(() => import('./pages/outlet/OutletSelectionPage'));
const SavedSearchesPage = lazyWithAntdStyles(() => import('./pages/library/SavedSearchesPage'));
const DownloadHistoryPage = lazyWithAntdStyles(() => import('./pages/library/DownloadHistoryPage'));
const WorksAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/WorksAdminPage'));
const AccountsAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/AccountsAdminPage'));
const BrandsAdminPage = lazyWithAntdStyles(() => import('./pages/organizer/BrandsAdminPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

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
                    <Route path="/signin/home" element={<PostSignInPage />} />
                    <Route path="/register" element={<RegisterPage />} />
                    <Route path="/me/works" element={<RequireAccess need="canEnter"><MyWorksPage /></RequireAccess>} />
                    <Route path="/me/works/new" element={<RequireAccess need="canEnter"><WorkEditPage /></RequireAccess>} />
                    <Route path="/me/works/:id" element={<RequireAccess need="canEnter"><WorkEditPage /></RequireAccess>} />
                    <Route path="/me/submissions" element={<RequireAccess need="canEnter"><MySubmissionsPage /></RequireAccess>} />
                    <Route path="/judge" element={<RequireAccess need="canJudge"><JudgeHomePage /></RequireAccess>} />
                    <Route path="/judge/:contestId" element={<RequireAccess need="canJudge"><JudgeEntryPage /></RequireAccess>} />
                    <Route path="/moderation" element={<RequireAccess need="canModerate"><ModerationPage /></RequireAccess>} />
                    <Route path="/organizer" element={<Navigate to="/organizer/contests" replace />} />
                    <Route path="/organizer/contests" element={<RequireAccess need="canOrganize"><ContestsAdminPage /></RequireAccess>} />
                    <Route path="/organizer/contests/new" element={<RequireAccess need="canOrganize"><ContestCreatePage /></RequireAccess>} />
                    <Route path="/organizer/contests/:id" element={<RequireAccess need="canOrganize"><ContestAdminPage /></RequireAccess>} />
                    <Route path="/organizer/collections" element={<RequireAccess need="canOrganize"><CollectionsAdminPage /></RequireAccess>} />
                    <Route path="/organizer/works" element={<RequireAccess need="canOrganize"><WorksAdminPage /></RequireAccess>} />
                    <Route path="/organizer/accounts" element={<RequireAccess need="canOrganize"><AccountsAdminPage /></RequireAccess>} />
                    <Route path="/organizer/brands" element={<RequireAccess need="canOrganize"><BrandsAdminPage /></RequireAccess>} />
                    <Route path="/outlet/selection" element={<RequireAccess need="isOutlet"><OutletSelectionPage /></RequireAccess>} />
                    <Route path="/library/saved-searches" element={<RequireAccess need="isOutlet"><SavedSearchesPage /></RequireAccess>} />
                    <Route path="/library/downloads" element={<RequireAccess need="isOutlet"><DownloadHistoryPage /></RequireAccess>} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Routes>
                </Suspense>
              </AppLayout>
            </AccessProvider>
          </BrowserRouter>
        </UrqlProvider>
    </ConfigProvider>
  );
}
