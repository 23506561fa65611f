import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { AutoComplete, Typography } from 'antd';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { accountLabel, looksLikeId, type AccountLike } from '../lib/accounts';

const AccountSearchQuery = graphql(`
  query AccountSearch($role: Role, $query: String, $first: Int) {
    accounts(role: $role, query: $query, first: $first) {
      edges { node { id displayName organization email roles } }
    }
  }
`);

/**
 * Picks an account by typing part of its name, organisation or e-mail (ORGANIZER's `accounts` directory, filtered by
 * role); the form value is the account id, and a pasted id is taken as is. The chosen person is named under the field.
 */
export default function AccountPicker({ id, value, onChange, role, style, label }: {
  id?: string; value?: string; onChange?: (id: string) => void; role?: Role; style?: CSSProperties;
  /** The field's name for assistive technology where no form label names it (rows of a list). */
  label?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [known, setKnown] = useState<Record<string, AccountLike>>({});
  useEffect(() => {
    const timer = setTimeout(() => setQuery(looksLikeId(typed) ? '' : typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data, fetching }] = useQuery({ query: AccountSearchQuery, variables: { role: role ?? null, query: query || null, first: 20 } });
  const found = useMemo(() => (data?.accounts.edges ?? []).map((e) => e.node), [data]);
  useEffect(() => {
    if (found.length) setKnown((k) => ({ ...k, ...Object.fromEntries(found.map((a) => [a.id, a])) }));
  }, [found]);
  const chosen = value ? known[value] : undefined;
  return (
    <div style={style}>
      <AutoComplete id={id} aria-label={label} value={value} style={{ width: '100%' }} placeholder={t('staff.picker.placeholder')}
        filterOption={false} onSearch={setTyped} onChange={(v: string) => onChange?.(v.trim())}
        notFoundContent={fetching ? t('staff.picker.searching') : t('staff.picker.none')}
        options={found.map((a) => ({ value: a.id, label: <span data-testid="account-option">{accountLabel(a)}</span> }))} />
      {chosen && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="account-chosen">{accountLabel(chosen)}</Typography.Text>}
    </div>
  );
}
