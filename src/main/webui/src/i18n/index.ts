import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';

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

// Chinese ships with the first page; English is fetched when chosen (it is one small chunk).
async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en-US' && !i18n.hasResourceBundle('en-US', 'translation')) {
    const { default: enUS } = await import('../locales/en-US.json');
    i18n.addResourceBundle('en-US', 'translation', enUS);
  }
}

const first = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (first !== 'zh-CN') void loadLanguage(first).then(() => i18n.changeLanguage(first));

export async function setLanguage(lang: Language): Promise<void> {
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
