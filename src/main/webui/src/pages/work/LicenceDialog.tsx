import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Checkbox, Descriptions, Modal, Typography } from 'antd';

/**
 * Download under licence: the terms, an explicit acceptance, then `onDownload` (which answers the error message when
 * the service refuses). Its own chunk: the work page loads it when the reader asks to download.
 */
export default function LicenceDialog({ licence, creditLine, onDownload, onClose }: {
  licence: { title: string; commercialUse: boolean };
  creditLine: string;
  onDownload: () => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('work.licenceDialogTitle')}
      onCancel={onClose}
      okText={t('work.acceptAndDownload')}
      okButtonProps={{ disabled: !accepted, loading: busy, 'data-testid': 'licence-ok' } as never}
      onOk={() => {
        setError(null);
        setBusy(true);
        void onDownload().then((e) => { setBusy(false); setError(e); });
      }}
    >
      <Typography.Paragraph>{t('work.licenceDialogIntro')}</Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('work.licence')}>{licence.title}</Descriptions.Item>
        <Descriptions.Item label={t('work.credit')}>{creditLine}</Descriptions.Item>
        <Descriptions.Item label={t('work.commercial')}>{licence.commercialUse ? t('work.commercialYes') : t('work.commercialNo')}</Descriptions.Item>
      </Descriptions>
      <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)} style={{ marginTop: 12 }} data-testid="licence-accept">
        {t('work.acceptLicence', { licence: licence.title })}
      </Checkbox>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
