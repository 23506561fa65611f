import { Card, Checkbox, Empty, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import WorkThumb from './WorkThumb';
import { thumbnailUrl, type ThumbSource } from '../lib/thumbs';
import { useAccess } from '../auth/AccessContext';
import { useSelection } from '../lib/selection';

export interface GridWork extends ThumbSource {
  id: string;
  title: string;
  titleEn?: string | null;
  kind: string;
}

/**
 * A grid of works with their thumbnails, linking to their pages; `extra` adds a line under a work (e.g. its award
 * tier). Media outlets get a checkbox per work for their bulk-download selection.
 */
export default function WorkGrid({ works, extra }: { works: readonly GridWork[]; extra?: (w: GridWork) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const { access } = useAccess();
  const selection = useSelection();
  if (!works.length) return <Empty />;
  return (
    <ul className="thumb-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {works.map((w) => {
        const title = (i18n.language === 'en-US' && w.titleEn) || w.title;
        return (
          <li key={w.id}>
            <Card cover={<WorkThumb kind={w.kind} url={thumbnailUrl(w)} alt={title} />} styles={{ body: { padding: 12 } }}>
              <Link to={`/works/${w.id}`}>{title}</Link>
              <div style={{ marginTop: 4 }}>
                <Tag>{t(`enum.WorkKind.${w.kind}`)}</Tag>
                {extra?.(w)}
              </div>
              {access.isOutlet && (
                <Checkbox style={{ marginTop: 8 }} checked={selection.has(w.id)} onChange={(e) => selection.toggle(w.id, e.target.checked)}>
                  {t('outlet.select')}
                </Checkbox>
              )}
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
