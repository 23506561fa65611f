import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Empty, InputNumber, Progress, Skeleton, Space, Tag, Typography } from 'antd';
// TextArea alone: antd's Input index also carries Search, Password and OTP.
import TextArea from 'antd/es/input/TextArea';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { graphql } from '../../gql';
import { errorMessage } from '../../api/client';
import { clampScore, draftDiffers, isDirty, keyAction, weightedTotal, type Scores } from '../../lib/scoring';
import { refreshDelay } from '../../lib/preview';
import PreviewGallery from '../../components/PreviewGallery';
import { toast } from '../../lib/toast';

// Loaded when needed, not with the scoring screen: the two dialogs (antd Form and Modal) and the revision history.
const RecuseDialog = lazy(() => import('./JudgeDialogs').then((m) => ({ default: m.RecuseDialog })));
const ConflictDialog = lazy(() => import('./JudgeDialogs').then((m) => ({ default: m.ConflictDialog })));
const ScoreHistory = lazy(() => import('./ScoreHistory'));

const AssignmentsQuery = graphql(`
  query MyAssignments($contestId: ID!) {
    contest(id: $contestId) { id title rubric { code name scaleMax weight } }
    myAssignments(contestId: $contestId) {
      assignmentId entryCode title description kind categoryName roundName roundNumber
      myScore { revision total submittedAt items { criterion value comment } }
      myScoreHistory { revision total submittedAt items { criterion value comment } }
      peerScores { judgeLabel total }
      media { mediaType thumbnailUrl previewUrl largeUrl posterUrl durationSeconds width height urlsExpireAt }
    }
    myJudgingProgress(contestId: $contestId) { assigned scored remaining }
  }
`);
const SubmitScoreMutation = graphql(`
  mutation SubmitScore($assignmentId: ID!, $items: [ScoreItemInput!]!) {
    submitScore(assignmentId: $assignmentId, items: $items) {
      assignmentId myScore { revision total submittedAt items { criterion value comment } }
      myScoreHistory { revision total submittedAt items { criterion value comment } }
    }
  }
`);
const RecuseMutation = graphql(`
  mutation Recuse($assignmentId: ID!, $note: String) { recuse(assignmentId: $assignmentId, note: $note) }
`);
const ConflictMutation = graphql(`
  mutation DeclareConflict($contestId: ID!, $organization: String!, $note: String) {
    declareConflict(contestId: $contestId, organization: $organization, note: $note)
  }
`);

const draftKey = (assignmentId: string) => `kepu.judge.draft.${assignmentId}`;

/**
 * The blind entry screen: the work beside the rubric, nothing about who made it. Keyboard-driven; the draft is
 * autosaved in this tab while typing and submitted (a new revision) when the judge moves on or presses s.
 */
export default function JudgeEntryPage() {
  const { contestId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AssignmentsQuery, variables: { contestId }, requestPolicy: 'cache-and-network' });
  const [{ fetching: saving }, submitScore] = useMutation(SubmitScoreMutation);
  const [, recuse] = useMutation(RecuseMutation);
  const [, declareConflict] = useMutation(ConflictMutation);
  const entries = data?.myAssignments ?? [];
  const index = Math.min(Math.max(Number(params.get('entry') ?? 0), 0), Math.max(entries.length - 1, 0));
  const entry = entries[index];
  const rubric = useMemo(() => data?.contest.rubric ?? [], [data]);
  const [criterion, setCriterion] = useState(0);
  const [scores, setScores] = useState<Scores>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [conflictOpen, setConflictOpen] = useState(false);
  const [recuseOpen, setRecuseOpen] = useState(false);
  const [draftSavedAt, setDraftSavedAt] = useState<Date | null>(null);
  // Which entry the scores and comments in state belong to: right after moving on they are still the previous one's.
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const previewRef = useRef<HTMLDivElement>(null);

  const saved: Scores | null = useMemo(
    () => (entry?.myScore ? Object.fromEntries(entry.myScore.items.map((i) => [i.criterion, i.value])) : null),
    [entry],
  );

  // Load the entry's draft (autosaved) or its last submitted revision: on moving to another entry or a new revision,
  // not on each refetch (fresh preview URLs) while the judge is scoring.
  const entryKey = entry ? `${entry.assignmentId}:${entry.myScore?.revision ?? 0}` : null;
  useEffect(() => {
    if (!entry) return;
    const raw = sessionStorage.getItem(draftKey(entry.assignmentId));
    const draft = raw ? (JSON.parse(raw) as { scores: Scores; comments: Record<string, string> }) : null;
    setScores(draft?.scores ?? saved ?? {});
    setComments(draft?.comments ?? Object.fromEntries((entry.myScore?.items ?? []).map((i) => [i.criterion, i.comment])));
    setCriterion(0);
    setDraftSavedAt(null);
    setLoadedFor(entry.assignmentId);
  }, [entryKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // Autosave of the draft, every change that differs from the last submitted revision.
  useEffect(() => {
    if (!entry || loadedFor !== entry.assignmentId) return;
    if (!draftDiffers(scores, comments, entry.myScore?.items)) {
      sessionStorage.removeItem(draftKey(entry.assignmentId));
      return;
    }
    sessionStorage.setItem(draftKey(entry.assignmentId), JSON.stringify({ scores, comments }));
    setDraftSavedAt(new Date());
  }, [entry, loadedFor, scores, comments]);

  // Preview URLs are short-lived: fetch fresh ones shortly before they expire.
  useEffect(() => {
    const delay = refreshDelay(entries.flatMap((e) => e.media), Date.now());
    if (delay == null) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), delay);
    return () => clearTimeout(timer);
  }, [entries, refetch]);

  const total = weightedTotal(rubric, scores);
  const complete = total !== null;

  const save = useCallback(async (): Promise<boolean> => {
    if (!entry || !complete) return false;
    const r = await submitScore({
      assignmentId: entry.assignmentId,
      items: rubric.map((c) => ({ criterion: c.code, value: scores[c.code] ?? 0, comment: comments[c.code] ?? '' })),
    });
    if (r.error) {
      toast('error', errorMessage(r.error));
      return false;
    }
    sessionStorage.removeItem(draftKey(entry.assignmentId));
    setDraftSavedAt(null);
    toast('success', t('judge.saved', { revision: r.data?.submitScore.myScore?.revision }));
    refetch({ requestPolicy: 'network-only' });
    return true;
  }, [entry, complete, submitScore, rubric, scores, comments, t, refetch]);

  const go = useCallback(async (delta: number) => {
    const next = index + delta;
    if (next < 0 || next >= entries.length) return;
    if (complete && isDirty(scores, saved)) await save();
    setParams({ entry: String(next) });
  }, [index, entries.length, complete, scores, saved, save, setParams]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (target && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox'))) return;
      if (target?.closest('.ant-modal') || document.querySelector('.ant-image-preview')) return;
      const c = rubric[criterion];
      const action = keyAction(e.key, c?.scaleMax ?? 10);
      if (!action) return;
      e.preventDefault();
      if (action.type === 'next') void go(1);
      else if (action.type === 'prev') void go(-1);
      else if (action.type === 'criterion') setCriterion((i) => Math.min(Math.max(i + action.delta, 0), rubric.length - 1));
      else if (action.type === 'score' && c) {
        setScores((s) => ({ ...s, [c.code]: clampScore(action.value, c.scaleMax) }));
        setCriterion((i) => Math.min(i + 1, rubric.length - 1));
      } else if (action.type === 'save') void save();
      else if (action.type === 'zoom') previewRef.current?.querySelector<HTMLElement>('[data-testid="preview-image"] img, img[data-testid="preview-image"]')?.click();
      else if (action.type === 'play') {
        const video = previewRef.current?.querySelector('video');
        if (video) void (video.paused ? video.play() : Promise.resolve(video.pause()));
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rubric, criterion, go, save]);

  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  if (!data) return <Skeleton active loading={fetching} />;
  const progress = data.myJudgingProgress;

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{data.contest.title}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Progress type="line" style={{ width: 200 }} percent={progress.assigned ? Math.round((progress.scored / progress.assigned) * 100) : 0} aria-label={t('judge.progress')} />
        <Typography.Text>{t('judge.progressText', { scored: progress.scored, assigned: progress.assigned, remaining: progress.remaining })}</Typography.Text>
        <Button onClick={() => setConflictOpen(true)}>{t('judge.declareConflict')}</Button>
      </Space>
      {!entry ? <Empty description={t('judge.noEntries')} /> : (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <Button icon={<LeftOutlined />} onClick={() => void go(-1)} disabled={index === 0} aria-label={t('judge.prev')} />
            <Typography.Text strong data-testid="entry-position">{t('judge.position', { n: index + 1, total: entries.length })}</Typography.Text>
            <Button icon={<RightOutlined />} onClick={() => void go(1)} disabled={index >= entries.length - 1} aria-label={t('judge.next')} />
            <Tag>{entry.entryCode}</Tag>
            <Tag>{entry.categoryName}</Tag>
            <Tag>{entry.roundName}</Tag>
          </Space>
          <div className="judge-layout">
            <Card title={entry.title} data-testid="judge-entry">
              <div ref={previewRef}>
                <PreviewGallery previews={entry.media} kind={entry.kind} title={entry.title} testId="judge-preview" />
              </div>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{entry.description}</Typography.Paragraph>
            </Card>
            <Card title={t('judge.rubric')}>
              {rubric.map((c, i) => (
                <div key={c.code} style={{ padding: 8, borderRadius: 6, outline: i === criterion ? '2px solid #1d4ed8' : 'none' }} onClick={() => setCriterion(i)}>
                  <label htmlFor={`score-${c.code}`} className="field-label">{t('judge.criterionLabel', { name: c.name, max: c.scaleMax, weight: c.weight })}</label>
                  <InputNumber id={`score-${c.code}`} min={0} max={c.scaleMax} value={scores[c.code] ?? null} data-testid={`score-${c.code}`} style={{ marginBottom: 4 }}
                    onChange={(v) => setScores((s) => ({ ...s, [c.code]: v == null ? null : clampScore(Number(v), c.scaleMax) }))} />
                  <TextArea rows={1} aria-label={t('judge.comment', { name: c.name })} placeholder={t('judge.commentPlaceholder')}
                    value={comments[c.code] ?? ''} onChange={(e) => setComments((m) => ({ ...m, [c.code]: e.target.value }))} />
                </div>
              ))}
              <Typography.Paragraph style={{ marginTop: 12 }} aria-live="polite">
                {t('judge.total')}: <strong data-testid="judge-total">{total ?? '—'}</strong>
              </Typography.Paragraph>
              <Space wrap>
                <Button type="primary" onClick={() => void save()} disabled={!complete} loading={saving} data-testid="judge-save">{t('judge.submit')}</Button>
                <Button danger onClick={() => setRecuseOpen(true)} data-testid="judge-recuse">{t('judge.recuse')}</Button>
              </Space>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} aria-live="polite" data-testid="judge-autosave">
                {draftSavedAt ? t('staff.judge.draftSaved', { when: draftSavedAt.toLocaleTimeString(i18n.language) }) : t('staff.judge.draftHint')}
              </Typography.Paragraph>
              {entry.myScore && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="judge-revision">
                  {t('judge.revision', { revision: entry.myScore.revision, total: entry.myScore.total.toFixed(1), when: new Date(entry.myScore.submittedAt).toLocaleString(i18n.language) })}
                </Typography.Paragraph>
              )}
              {entry.myScoreHistory.length > 0 && (
                <Suspense fallback={null}><ScoreHistory history={entry.myScoreHistory} rubric={rubric} /></Suspense>
              )}
              {entry.peerScores.length > 0 && (
                <Typography.Paragraph type="secondary">
                  {t('judge.peers')}: {entry.peerScores.map((p) => `${p.judgeLabel} ${p.total.toFixed(1)}`).join('，')}
                </Typography.Paragraph>
              )}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('judge.keys')} <kbd>←</kbd> <kbd>→</kbd> {t('judge.keysNav')} · <kbd>↑</kbd> <kbd>↓</kbd> {t('judge.keysCriterion')} · <kbd>0</kbd>–<kbd>9</kbd> {t('judge.keysScore')} · <kbd>s</kbd> {t('judge.keysSave')} · <kbd>z</kbd> {t('staff.judge.keysZoom')} · <kbd>v</kbd> {t('staff.judge.keysPlay')}
              </Typography.Paragraph>
            </Card>
          </div>
        </>
      )}
      <Suspense fallback={null}>
        {recuseOpen && entry && (
          <RecuseDialog onClose={() => setRecuseOpen(false)} onSubmit={async (note) => {
            const r = await recuse({ assignmentId: entry.assignmentId, note });
            if (r.error) {
              toast('error', errorMessage(r.error));
              return false;
            }
            sessionStorage.removeItem(draftKey(entry.assignmentId));
            toast('success', t('judge.recused'));
            refetch({ requestPolicy: 'network-only' });
            return true;
          }} />
        )}
        {conflictOpen && (
          <ConflictDialog onClose={() => setConflictOpen(false)} onSubmit={async (organization, note) => {
            const r = await declareConflict({ contestId, organization, note });
            if (r.error) {
              toast('error', errorMessage(r.error));
              return false;
            }
            toast('success', t('judge.conflictDone', { count: r.data?.declareConflict ?? 0 }));
            refetch({ requestPolicy: 'network-only' });
            return true;
          }} />
        )}
      </Suspense>
    </div>
  );
}
