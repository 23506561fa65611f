import { Tag } from 'antd';
import { RobotOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { workLabels, type LabelledWork } from '../lib/labels';

/**
 * The labels outlets and schools ask for: AI-generated content (China's labelling rules require it to be shown),
 * who the work is for, and the brand or series it belongs to (a link to that brand's works).
 */
export default function WorkLabels({ work }: { work: LabelledWork }) {
  const { t, i18n } = useTranslation();
  const labels = workLabels(work, i18n.language === 'en-US');
  return (
    <>
      {labels.aiGenerated && (
        <Tag color="purple" icon={<RobotOutlined />} title={t('library.ai.tooltip')} data-testid="label-ai">{t('library.ai.yes')}</Tag>
      )}
      {labels.audiences.map((a) => <Tag key={a} color="green">{t(`library.audience.${a}`)}</Tag>)}
      {labels.brand && (
        <Tag color="geekblue">
          <Link to={`/?brandIds=${encodeURIComponent(labels.brand.id)}`}>{labels.brand.name}</Link>
        </Tag>
      )}
    </>
  );
}
