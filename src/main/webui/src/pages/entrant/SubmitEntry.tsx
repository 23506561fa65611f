import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Empty, Form, Select, Typography } from 'antd';
import { graphql } from '../../gql';
import type { Declaration } from '../../gql/graphql';
import { errorMessage } from '../../api/client';

const OpenContestsQuery = graphql(`
  query OpenContests {
    contests {
      id title year open submissionClosesAt timeZone requiredDeclarations
      categories { code name acceptedKinds mimeTypes maxDurationSeconds minWidth minHeight }
    }
  }
`);
const SubmitEntryMutation = graphql(`
  mutation SubmitEntry($input: SubmitEntryInput!) { submitEntry(input: $input) { id status entryCode } }
`);

/** Submit a draft work to an open contest category, with the declarations the contest requires. */
export default function SubmitEntry({ workId, kind, onSubmitted }: { workId: string; kind: string; onSubmitted: () => void }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: OpenContestsQuery });
  const [{ fetching, error }, submit] = useMutation(SubmitEntryMutation);
  const [contestId, setContestId] = useState<string | undefined>();
  const open = (data?.contests ?? []).filter((c) => c.open && c.categories.some((cat) => cat.acceptedKinds.includes(kind as never)));
  const contest = open.find((c) => c.id === contestId) ?? open[0];
  const [declared, setDeclared] = useState<Declaration[]>([]);
  const [category, setCategory] = useState<string | undefined>();
  if (data && !open.length) return <Empty description={t('submit.noneOpen')} />;
  if (!contest) return null;
  const categories = contest.categories.filter((c) => c.acceptedKinds.includes(kind as never));
  const allDeclared = contest.requiredDeclarations.every((d) => declared.includes(d));
  return (
    <Form layout="vertical" onFinish={async () => {
      const r = await submit({ input: { workId, contestId: contest.id, categoryCode: category ?? categories[0].code, declarations: declared } });
      if (!r.error) onSubmitted();
    }}>
      <Form.Item label={t('submit.contest')} htmlFor="submit-contest">
        <Select id="submit-contest" value={contest.id} onChange={setContestId} data-testid="submit-contest"
          options={open.map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {t('submit.deadline', { when: new Date(contest.submissionClosesAt).toLocaleString(i18n.language, { timeZone: contest.timeZone }), zone: contest.timeZone })}
      </Typography.Paragraph>
      <Form.Item label={t('submit.category')} htmlFor="submit-category">
        <Select id="submit-category" value={category ?? categories[0]?.code} onChange={setCategory} data-testid="submit-category"
          options={categories.map((c) => ({ value: c.code, label: c.name }))} />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend style={{ fontSize: 14 }}>{t('submit.declarations')}</legend>
        {contest.requiredDeclarations.map((d) => (
          <div key={d}>
            <Checkbox checked={declared.includes(d)} data-testid={`declare-${d}`}
              onChange={(e) => setDeclared((prev) => (e.target.checked ? [...prev, d] : prev.filter((x) => x !== d)))}>
              {t(`enum.Declaration.${d}`)}
            </Checkbox>
          </div>
        ))}
      </fieldset>
      {error && <Alert type="error" showIcon message={errorMessage(error)} style={{ margin: '12px 0' }} />}
      <Button type="primary" htmlType="submit" disabled={!allDeclared} loading={fetching} style={{ marginTop: 12 }} data-testid="submit-entry">
        {t('submit.button')}
      </Button>
    </Form>
  );
}
