import { useTranslation } from 'react-i18next';

/**
 * What shows while a page's code or the signed-in person loads: a spinner drawn in CSS (styles.css), announced as
 * loading. antd's Spin would put its code and styles into the first-load entry chunk for this one use.
 */
export default function PageLoading() {
  const { t } = useTranslation();
  return <div className="page-loading" role="status" aria-label={t('app.loading')} />;
}
