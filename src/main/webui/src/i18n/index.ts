import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
// The public pages' texts only: the workspaces' come with their routes (addWorkspaceMessages, src/i18n/sections.ts).
import zhCN from '../locales/zh-CN.json?public';
import type { Messages } from './sections';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kepu.lang';

/** Simplified Chinese unless the user chose English (a preference, not a credential: localStorage is fine). */
function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en-US' || saved === 'zh-CN') return saved;
  } catch {
    /* storage blocked: default */
  }
  return 'zh-CN';
}

/** The English workspace texts' loader, once a workspace route has loaded (addWorkspaceMessages). */
let workspaceEnglish: (() => Promise<{ default: Messages }>) | null = null;
let workspaceEnglishAdded = false;

// Chinese ships with the first page; English is fetched when chosen (one small chunk, and one more on a workspace).
async function loadLanguage(lang: Language): Promise<void> {
  if (lang !== 'en-US') return;
  if (!i18n.hasResourceBundle('en-US', 'translation')) {
    const { default: enUS } = await import('../locales/en-US.json?public');
    i18n.addResourceBundle('en-US', 'translation', enUS, true, true);
  }
  if (workspaceEnglish && !workspaceEnglishAdded) {
    const { default: more } = await workspaceEnglish();
    i18n.addResourceBundle('en-US', 'translation', more, true, false);
    workspaceEnglishAdded = true;
  }
}

/** The language the reader wants: the stored choice at first, then each switch (i18n.language follows it later). */
let wanted: Language = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (wanted !== 'zh-CN') void loadLanguage(wanted).then(() => i18n.changeLanguage(wanted));

/**
 * Adds the workspaces' texts (src/WorkspaceRoutes.tsx calls it when its chunk loads): the Chinese ones, which travel
 * in that chunk, and, for an English reader now or after a switch, the English ones from `english`. Resolves when the
 * wanted language's are in, so a workspace never renders its keys or the Chinese fallback to an English reader.
 */
export function addWorkspaceMessages(chinese: Messages, english: () => Promise<{ default: Messages }>): Promise<void> {
  i18n.addResourceBundle('zh-CN', 'translation', chinese, true, false);
  workspaceEnglish = english;
  return loadLanguage(wanted);
}

export async function setLanguage(lang: Language): Promise<void> {
  wanted = lang;
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
}

export default i18n;
