import { Card, Empty, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import WorkThumb from './WorkThumb';

export interface GridWork {
  id: string;
  title: string;
  titleEn?: string | null;
  kind: string;
}

/** A grid of works linking to their pages; `extra` adds a line under a work (e.g. its award tier). */
export default function WorkGrid({ works, extra }: { works: readonly GridWork[]; extra?: (w: GridWork) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  if (!works.length) return <Empty />;
  return (
    <ul className="thumb-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {works.map((w) => (
        <li key={w.id}>
          <Card cover={<WorkThumb kind={w.kind} />} styles={{ body: { padding: 12 } }}>
            <Link to={`/works/${w.id}`}>{(i18n.language === 'en-US' && w.titleEn) || w.title}</Link>
            <div style={{ marginTop: 4 }}>
              <Tag>{t(`enum.WorkKind.${w.kind}`)}</Tag>
              {extra?.(w)}
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
