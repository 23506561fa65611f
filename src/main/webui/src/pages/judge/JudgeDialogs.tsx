import { Button, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The judge's two dialogs (recuse from an entry, declare a conflict of interest), each a small form. Their own chunk:
 * the entry screen loads them when the judge opens one, so the scoring screen does not carry antd's Form and Modal.
 * `onSubmit` answers true when the service accepted it (the dialog then closes).
 */
export function RecuseDialog({ onSubmit, onClose }: { onSubmit: (note: string | null) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('judge.recuseTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>{t('judge.recuseHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={async (v: { note?: string }) => { if (await onSubmit(v.note?.trim() || null)) onClose(); }}>
        <Form.Item name="note" label={t('judge.note')}><Input.TextArea rows={2} /></Form.Item>
        <Button danger type="primary" htmlType="submit" data-testid="judge-recuse-confirm">{t('judge.recuse')}</Button>
      </Form>
    </Modal>
  );
}

export function ConflictDialog({ onSubmit, onClose }: { onSubmit: (organization: string, note: string | null) => Promise<boolean>; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('judge.declareConflict')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>{t('judge.conflictHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={async (v: { organization: string; note?: string }) => { if (await onSubmit(v.organization, v.note ?? null)) onClose(); }}>
        <Form.Item name="organization" label={t('judge.conflictOrganization')} rules={[{ required: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="note" label={t('judge.note')}><Input.TextArea rows={2} /></Form.Item>
        <Button type="primary" htmlType="submit">{t('judge.conflictSubmit')}</Button>
      </Form>
    </Modal>
  );
}
