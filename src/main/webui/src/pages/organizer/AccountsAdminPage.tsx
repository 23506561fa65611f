import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { errorMessage } from '../../api/client';
import withApp from '../../components/withApp';
import AuditEventsTable from '../../components/AuditEventsTable';
import { useReaderLanguageContext } from '../../lib/readerLanguage';

const AccountsQuery = graphql(`
  query AdminAccounts($role: Role, $query: String, $first: Int, $after: String) {
    accounts(role: $role, query: $query, first: $first, after: $after) {
      edges { node { id displayName organization organizationType region email roles grantedRoles createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const GrantMutation = graphql(`
  mutation GrantRole($accountId: ID!, $role: Role!) { grantRole(accountId: $accountId, role: $role) { id roles grantedRoles } }
`);
const RevokeMutation = graphql(`
  mutation RevokeRole($accountId: ID!, $role: Role!) { revokeRole(accountId: $accountId, role: $role) { id roles grantedRoles } }
`);
const GrantLogQuery = graphql(`
  query RoleGrantLog($before: BigInteger, $first: Int) { roleGrantLog(first: $first, before: $before) { seq at actor action entityId detail } }
`);

const PAGE = 25;
const ROLES: Role[] = ['ENTRANT', 'JUDGE', 'MODERATOR', 'MEDIA', 'ORGANIZER'];
/** The roles organizers grant through the API (the others come from registration and the identity provider). */
const GRANTABLE: Role[] = ['JUDGE', 'MODERATOR', 'MEDIA'];

function Directory() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [role, setRole] = useState<Role | undefined>();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => { setQuery(text.trim()); setAfter(null); }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: AccountsQuery, variables: { role: role ?? null, query: query || null, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const [, grant] = useMutation(GrantMutation);
  const [, revoke] = useMutation(RevokeMutation);
  const rows = (data?.accounts.edges ?? []).map((e) => e.node);

  async function change(accountId: string, r: Role, granting: boolean) {
    const res = granting ? await grant({ accountId, role: r }) : await revoke({ accountId, role: r });
    if (res.error) message.error(errorMessage(res.error));
    else { message.success(t(granting ? 'staff.accounts.granted' : 'staff.accounts.revoked', { role: t(`staff.accounts.role.${r}`) })); refetch({ requestPolicy: 'network-only' }); }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('staff.accounts.search')} placeholder={t('staff.accounts.search')} allowClear style={{ width: 300 }}
          value={text} onChange={(e) => setText(e.target.value)} data-testid="accounts-search" />
        <Select aria-label={t('staff.accounts.roleFilter')} placeholder={t('staff.accounts.allRoles')} allowClear style={{ minWidth: 160 }} value={role}
          onChange={(v) => { setRole(v); setAfter(null); }} options={ROLES.map((r) => ({ value: r, label: t(`staff.accounts.role.${r}`) }))} />
      </Space>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table rowKey="id" loading={fetching && !data} dataSource={rows} pagination={false} scroll={{ x: true }} size="small"
        columns={[
          { title: t('staff.accounts.name'), render: (_, a) => <span data-testid="account-row">{a.displayName}</span> },
          { title: t('staff.accounts.organization'), render: (_, a) => a.organization ?? '—' },
          { title: t('staff.accounts.email'), render: (_, a) => a.email ?? '—' },
          { title: t('staff.accounts.region'), render: (_, a) => t(`enum.Region.${a.region}`) },
          { title: t('staff.accounts.roles'), render: (_, a) => a.roles.map((r) => <Tag key={r} color={a.grantedRoles.includes(r) ? 'blue' : undefined}>{t(`staff.accounts.role.${r}`)}</Tag>) },
          { title: t('staff.accounts.since'), render: (_, a) => new Date(a.createdAt).toLocaleDateString(i18n.language) },
          {
            title: t('staff.works.actions'), render: (_, a) => (
              <Space wrap size={4}>
                {GRANTABLE.map((r) => {
                  const granted = a.grantedRoles.includes(r);
                  if (!granted && a.roles.includes(r)) return null; // from the identity provider: not ours to revoke
                  return granted ? (
                    <Popconfirm key={r} title={t('staff.accounts.revokeConfirm', { role: t(`staff.accounts.role.${r}`), name: a.displayName })} onConfirm={() => void change(a.id, r, false)}>
                      <Button size="small" danger>{t('staff.accounts.revoke', { role: t(`staff.accounts.role.${r}`) })}</Button>
                    </Popconfirm>
                  ) : (
                    <Button key={r} size="small" onClick={() => void change(a.id, r, true)} data-testid={`grant-${r}`}>{t('staff.accounts.grant', { role: t(`staff.accounts.role.${r}`) })}</Button>
                  );
                })}
              </Space>
            ),
          },
        ]} />
      <Space style={{ marginTop: 12 }}>
        {after && <Button onClick={() => setAfter(null)}>{t('search.first')}</Button>}
        {data?.accounts.pageInfo.hasNextPage && <Button onClick={() => setAfter(data.accounts.pageInfo.endCursor)}>{t('search.next')}</Button>}
      </Space>
    </>
  );
}

const LOG_PAGE = 50;

function GrantLog() {
  const { t } = useTranslation();
  const [before, setBefore] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: GrantLogQuery, variables: { before, first: LOG_PAGE }, requestPolicy: 'network-only', context: useReaderLanguageContext() });
  return (
    <AuditEventsTable events={data?.roleGrantLog ?? []} loading={fetching} error={error} pageSize={LOG_PAGE} before={before} onPage={setBefore}
      entityTitle={t('staff.works.account')} detailTitle={t('staff.accounts.roles')} testId="grant-log"
      renderDetail={(role) => t(`staff.accounts.role.${role}`, { defaultValue: role })} />
  );
}

/** Organizers find accounts (by role, name, organisation or e-mail) and grant or revoke JUDGE, MODERATOR and MEDIA. */
function AccountsAdminPage() {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('staff.accounts.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('staff.accounts.intro')}</Typography.Paragraph>
      <Tabs items={[
        { key: 'directory', label: t('staff.accounts.directory'), children: <Directory /> },
        { key: 'log', label: t('staff.accounts.log'), children: <GrantLog /> },
      ]} />
    </div>
  );
}

export default withApp(AccountsAdminPage);
