import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="notice">
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('nav.search')}</Link>
    </section>
  );
}
