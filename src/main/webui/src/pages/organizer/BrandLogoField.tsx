import { useState } from 'react';
import { useClient } from 'urql';
import { useTranslation } from 'react-i18next';
import { Button, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import FileUpload from '../../components/FileUpload';
import { logoHolderWork } from '../../lib/brandLogo';

const MyRegionQuery = graphql(`
  query LogoUploaderRegion { me { id region organization } }
`);
const CreateLogoWorkMutation = graphql(`
  mutation CreateLogoWork($input: WorkInput!) { createWork(input: $input) { id } }
`);

/** Image types a logo may have (the service renders these; a logo is an IMAGE file). */
const LOGO_TYPES = 'image/png,image/jpeg,image/webp';

/**
 * A brand's logo inside the brand form (form value: the logo's asset id, '' for none). Uploading a new one goes
 * through the presigned upload flow like any file: the image is held by a work of its own (a photo, the brand's,
 * owned by whoever uploads), made once the file is chosen, and shows publicly while that work is published.
 */
export default function BrandLogoField({ id, value, onChange, brandId, brandName, ownerOrganization, thumbnailUrl }: {
  id?: string; value?: string | null; onChange?: (assetId: string) => void; brandId: string | null; brandName: string; ownerOrganization: string;
  thumbnailUrl: string | null;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [uploaded, setUploaded] = useState<string | null>(null);

  async function makeHolder(): Promise<string> {
    const me = await client.query(MyRegionQuery, {}).toPromise();
    const input = logoHolderWork({ brandId, brandName: brandName || t('staff.brands.logoUntitled'), ownerOrganization, region: me.data?.me?.region ?? null, titleSuffix: t('staff.brands.logoWorkSuffix') });
    const r = await client.mutation(CreateLogoWorkMutation, { input }).toPromise();
    if (r.error || !r.data) throw new Error(errorMessage(r.error));
    return r.data.createWork.id;
  }

  const showing = value && value === uploaded ? null : value ? thumbnailUrl : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="brand-logo">
      {showing && <img src={showing} alt={t('staff.brands.logoAlt', { name: brandName })} width={96} height={96} style={{ objectFit: 'contain' }} data-testid="brand-logo-current" />}
      {value && !showing && uploaded === value && <Typography.Text type="success" data-testid="brand-logo-new">{t('staff.brands.logoNew')}</Typography.Text>}
      {!value && <Typography.Text type="secondary">{t('staff.brands.logoNone')}</Typography.Text>}
      <FileUpload workId={makeHolder} accept={LOGO_TYPES} inputId="brand-logo-file" buttonId={id} label={t('staff.brands.logoUpload')}
        onVerified={(asset) => { setUploaded(asset.id); onChange?.(asset.id); }} />
      {value && <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange?.('')} data-testid="brand-logo-remove">{t('staff.brands.logoRemove')}</Button>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('staff.brands.logoHint')}</Typography.Text>
    </Space>
  );
}
