import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAccess } from './auth/RequireAccess';
import { loadWorkspaceMessages } from './i18n/workspace';
import { lazyWithAntdStyles } from './styles/antdStyles';

/**
 * The signed-in workspaces' routes: entrant, judge, moderator, organizer and outlet screens, sign-in's second steps,
 * and the not-found page. Root renders them for every address its public routes do not take, so this module, the
 * access checks and the workspaces' texts (src/i18n/sections.ts) load with the first workspace address, never on a
 * public page. Each screen is its own chunk as before.
 */
export const messagesReady = loadWorkspaceMessages();

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

export default function WorkspaceRoutes() {
  return (
    <Routes>
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
  );
}
