import chinese from '../locales/zh-CN.json?workspace';
import { addWorkspaceMessages } from '.';

/**
 * Puts the workspaces' texts into i18next (src/i18n/sections.ts): the Chinese ones travel with this module (in the
 * chunk of src/WorkspaceRoutes.tsx, never the entry), the English ones are fetched for an English reader. Resolves
 * when the reader's language has them. Tests of workspace components call it before rendering.
 */
export function loadWorkspaceMessages(): Promise<void> {
  return addWorkspaceMessages(chinese, () => import('../locales/en-US.json?workspace'));
}
