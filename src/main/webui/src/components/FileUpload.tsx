import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from 'urql';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Descriptions, Progress, Space, Typography } from 'antd';
import { PauseOutlined, CaretRightOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { graphql } from '../gql';
import { errorMessage } from '../api/client';
import { sha256OfBlob } from '../lib/sha256';
import { mimeTypeOf, formatBytes } from '../lib/enums';
import type { CompletedPart, SessionInfo, UploadApi } from '../lib/upload';

const StartUploadMutation = graphql(`
  mutation StartUpload($input: StartUploadInput!) {
    startUpload(input: $input) { id partSize url parts { partNumber url storedBytes } status }
  }
`);
// The session's verdict, as completeUpload, uploadSession and uploadSessionChanged give it.
graphql(`
  fragment UploadVerdict on UploadSession {
    id status rejection rejectionMessage
    asset { id fileName mimeType sizeBytes width height durationSeconds videoCodec sha256 }
  }
`);
const UploadSessionQuery = graphql(`
  query UploadSession($id: ID!) {
    uploadSession(id: $id) { partSize url parts { partNumber url storedBytes } ...UploadVerdict }
  }
`);
// With the parts (number and ETag of each part's PUT) the service answers without asking the store for the list.
const CompleteUploadMutation = graphql(`
  mutation CompleteUpload($id: ID!, $parts: [CompletedPartInput]) { completeUpload(id: $id, parts: $parts) { ...UploadVerdict } }
`);
const UploadSessionChangedSubscription = graphql(`
  subscription UploadSessionChanged($id: ID!) { uploadSessionChanged(uploadId: $id) { ...UploadVerdict } }
`);

type Phase = 'idle' | 'hashing' | 'uploading' | 'paused' | 'offline' | 'verifying' | 'done' | 'rejected' | 'failed' | 'error';

/** How often the verdict is asked for when the live subscription cannot be used. */
export const VERDICT_POLL_MS = 2000;
/** The subscription sends the session's state at once; silence this long means the socket is not working. */
const SOCKET_SILENCE_MS = 5000;

/** What the service says about an upload while and after it verifies it. */
interface Watched {
  status: string;
  rejection?: string | null;
  rejectionMessage?: string | null;
  asset?: Verified | null;
}

interface Verified {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: string | number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
}

/** The formats the service verifies (images, videos, PDF). */
const ALL_TYPES = 'image/jpeg,image/png,image/webp,image/tiff,video/mp4,video/quicktime,video/webm,application/pdf';

/**
 * Uploads one file to a work: SHA-256 in the browser, then straight to object storage through Uppy's S3 multipart
 * plugin (progress, pause/resume, automatic resume when the connection comes back), then the service verifies the
 * bytes and the result is explained in plain words.
 */
export default function FileUpload({ workId, onVerified, accept = ALL_TYPES, inputId, buttonId, label }: {
  /** The work the file belongs to, or how to make it once a file is chosen (a brand logo's holder work). */
  workId: string | (() => Promise<string>);
  /** Called with the verified file (its id is the asset id, e.g. a brand's logoAssetId). */
  onVerified: (asset: Verified) => void;
  accept?: string;
  inputId?: string;
  /** The choose button's id, for a form label that names it. */
  buttonId?: string;
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [phase, setPhase] = useState<Phase>('idle');
  const [hashProgress, setHashProgress] = useState(0);
  const [progress, setProgress] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [verified, setVerified] = useState<Verified | null>(null);
  const [rejection, setRejection] = useState<string | null>(null);
  const uploaderRef = useRef<Awaited<ReturnType<typeof loadUploader>> | null>(null);
  const sessionIdRef = useRef<string | null>(null);
  /** Stops watching the verdict (subscription, fallback polling, watchdog). */
  const stopWatchingRef = useRef<(() => void) | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const api: UploadApi = useMemo(() => ({
    async start(file, sha256) {
      const target = typeof workId === 'string' ? workId : await workId();
      const r = await client.mutation(StartUploadMutation, {
        input: { workId: target, fileName: file.name, declaredType: mimeTypeOf(file), sizeBytes: String(file.size), sha256 },
      }).toPromise();
      if (r.error || !r.data) throw new Error(errorMessage(r.error));
      return r.data.startUpload as SessionInfo;
    },
    async session(id) {
      const r = await client.query(UploadSessionQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      if (r.error || !r.data) throw new Error(errorMessage(r.error));
      return r.data.uploadSession as SessionInfo;
    },
  }), [client, workId]);

  useEffect(() => () => {
    stopWatchingRef.current?.();
    uploaderRef.current?.uppy.destroy();
  }, []);

  // The service renders the stored verdict in the language the client asks for (Accept-Language follows the UI):
  // when the UI switches language after a rejection, ask again so the explanation switches with it.
  const shownLanguage = useRef(i18n.language);
  useEffect(() => {
    const id = sessionIdRef.current;
    if (shownLanguage.current === i18n.language || (phase !== 'rejected' && phase !== 'failed') || !id) return;
    shownLanguage.current = i18n.language;
    let live = true;
    void client.query(UploadSessionQuery, { id }, { requestPolicy: 'network-only' }).toPromise().then((s) => {
      const again = s.data?.uploadSession.rejectionMessage;
      if (live && again) setMessage(again);
    });
    return () => { live = false; };
  }, [i18n.language, phase, client]);

  /** Shows the verdict once there is one; returns whether there was. */
  function settle(s: Watched): boolean {
    if (s.status === 'OPEN' || s.status === 'VERIFYING') return false;
    stopWatchingRef.current?.();
    stopWatchingRef.current = null;
    shownLanguage.current = i18n.language;
    if (s.status === 'COMPLETED' && s.asset) {
      setVerified(s.asset);
      setPhase('done');
      onVerified(s.asset);
    } else if (s.status === 'REJECTED') {
      setRejection(s.rejection ?? null);
      setMessage(s.rejectionMessage ?? null);
      setPhase('rejected');
    } else {
      // FAILED (the service could not verify it) or EXPIRED: not the file's fault, the way out is to upload again.
      setMessage(s.rejectionMessage ?? null);
      setPhase('failed');
    }
    return true;
  }

  /**
   * Waits for the verdict: live through the uploadSessionChanged subscription (which sends the state at once), and
   * by asking uploadSession every VERDICT_POLL_MS when the socket fails or stays silent.
   */
  function watch(id: string) {
    let done = false;
    let poll: ReturnType<typeof setInterval> | null = null;
    const ask = async () => {
      const r = await client.query(UploadSessionQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      if (!done && r.data) settle(r.data.uploadSession);
    };
    const fallBack = () => {
      if (done || poll) return;
      void ask();
      poll = setInterval(() => void ask(), VERDICT_POLL_MS);
    };
    const watchdog = setTimeout(fallBack, SOCKET_SILENCE_MS);
    let live: { unsubscribe: () => void } | null = null;
    // In place before subscribing: a verdict may arrive at once, and settling stops exactly this watch.
    stopWatchingRef.current?.();
    stopWatchingRef.current = () => {
      done = true;
      clearTimeout(watchdog);
      if (poll) clearInterval(poll);
      live?.unsubscribe();
    };
    live = client.subscription(UploadSessionChangedSubscription, { id }).subscribe((r) => {
      if (done) return;
      if (r.error) {
        fallBack();
      } else if (r.data?.uploadSessionChanged) {
        clearTimeout(watchdog);
        settle(r.data.uploadSessionChanged);
      }
    });
    if (done) live.unsubscribe();
  }

  /** Hands the upload over for verification; `parts` for a multipart upload whose every part's ETag is known. */
  async function complete(parts: CompletedPart[] | null) {
    setPhase('verifying');
    const id = sessionIdRef.current!;
    const r = await client.mutation(CompleteUploadMutation, parts ? { id, parts } : { id }).toPromise();
    if (r.error || !r.data) {
      setMessage(errorMessage(r.error));
      setPhase('error');
      return;
    }
    // The answer comes before verification ends (status VERIFYING); the verdict follows on the session.
    if (!settle(r.data.completeUpload)) watch(id);
  }

  async function choose(file: File) {
    stopWatchingRef.current?.();
    stopWatchingRef.current = null;
    setVerified(null);
    setRejection(null);
    setMessage(null);
    setProgress(0);
    setPhase('hashing');
    try {
      const sha256 = await sha256OfBlob(file, (done, total) => setHashProgress(total ? Math.round((done / total) * 100) : 100));
      const session = await api.start(file, sha256);
      sessionIdRef.current = session.id;
      uploaderRef.current?.uppy.destroy();
      const uploader = await loadUploader(api);
      uploaderRef.current = uploader;
      const { uppy, sessions } = uploader;
      uppy.on('upload-progress', (_f, p) => {
        if (p.bytesTotal) setProgress(Math.floor(((p.bytesUploaded ?? 0) / p.bytesTotal) * 100));
      });
      uppy.on('upload-error', (_f, err) => {
        if (!navigator.onLine) {
          setPhase('offline');
        } else {
          setMessage(err?.message ?? null);
          setPhase('error');
        }
      });
      uppy.on('is-offline', () => setPhase((p) => (p === 'uploading' ? 'offline' : p)));
      // Back online: resume from the parts storage already holds (listParts → uploadSession).
      uppy.on('back-online', () => {
        setPhase('uploading');
        void uppy.retryAll();
      });
      uppy.on('upload-success', (f) => void complete(f ? uploader.completedParts(f.id) : null));
      const fileId = uppy.addFile({ name: file.name, type: mimeTypeOf(file), data: file, source: 'local' });
      sessions.set(fileId, session);
      setPhase('uploading');
      void uppy.upload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
      setPhase('error');
    }
  }

  function pauseResume() {
    const u = uploaderRef.current?.uppy;
    const file = u?.getFiles()[0];
    if (!u || !file) return;
    const paused = u.pauseResume(file.id);
    setPhase(paused ? 'paused' : 'uploading');
  }

  function retry() {
    setMessage(null);
    setPhase('uploading');
    void uploaderRef.current?.uppy.retryAll();
  }

  const busy = phase === 'hashing' || phase === 'uploading' || phase === 'paused' || phase === 'offline' || phase === 'verifying';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <input
        ref={inputRef}
        id={inputId ?? (typeof workId === 'string' ? `file-${workId}` : undefined)}
        type="file"
        accept={accept}
        style={{ display: 'none' }}
        data-testid="file-input"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void choose(f); e.target.value = ''; }}
      />
      <Button id={buttonId} icon={<UploadOutlined />} onClick={() => inputRef.current?.click()} disabled={busy}>{label ?? t('upload.choose')}</Button>
      <div aria-live="polite" data-testid="upload-status" data-phase={phase}>
        {phase === 'hashing' && <><Typography.Text>{t('upload.hashing')}</Typography.Text><Progress percent={hashProgress} size="small" /></>}
        {(phase === 'uploading' || phase === 'paused' || phase === 'offline') && (
          <>
            <Typography.Text>{t(`upload.phase.${phase}`)}</Typography.Text>
            <Progress percent={progress} status={phase === 'offline' ? 'exception' : 'active'} aria-label={t('upload.progress')} />
          </>
        )}
        {phase === 'offline' && <Alert type="warning" showIcon message={t('upload.offline')} />}
        {phase === 'verifying' && <Typography.Text>{t('upload.verifying')}</Typography.Text>}
        {phase === 'done' && verified && (
          <Alert
            type="success"
            showIcon
            message={t('upload.verified')}
            data-testid="upload-verified"
            description={
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('upload.file')}>{verified.fileName}</Descriptions.Item>
                <Descriptions.Item label={t('upload.type')}>{verified.mimeType} · {formatBytes(verified.sizeBytes)}</Descriptions.Item>
                {verified.width != null && <Descriptions.Item label={t('upload.dimensions')}>{verified.width}×{verified.height}</Descriptions.Item>}
                {verified.durationSeconds != null && <Descriptions.Item label={t('upload.duration')}>{Math.round(verified.durationSeconds)} s</Descriptions.Item>}
              </Descriptions>
            }
          />
        )}
        {phase === 'rejected' && (
          <Alert type="error" showIcon data-testid="upload-rejected"
            message={rejection ? t(`upload.rejection.${rejection}`) : t('upload.rejected')}
            description={<>{t('upload.rejectedHint')}<br /><Typography.Text type="secondary">{message}</Typography.Text></>} />
        )}
        {phase === 'failed' && <Alert type="error" showIcon data-testid="upload-failed" message={t('upload.verifyFailed')} description={message} />}
        {phase === 'error' && <Alert type="error" showIcon message={t('upload.failed')} description={message} />}
      </div>
      <Space>
        {(phase === 'uploading' || phase === 'paused') && (
          <Button onClick={pauseResume} icon={phase === 'paused' ? <CaretRightOutlined /> : <PauseOutlined />} data-testid="upload-pause">
            {phase === 'paused' ? t('upload.resume') : t('upload.pause')}
          </Button>
        )}
        {(phase === 'error' || phase === 'offline') && <Button onClick={retry} icon={<ReloadOutlined />} data-testid="upload-retry">{t('upload.retry')}</Button>}
      </Space>
    </Space>
  );
}

/** Uppy loads with the upload screen only (its own chunk), never on the first page. */
async function loadUploader(api: UploadApi) {
  const { createUploader } = await import('../lib/upload');
  return createUploader(api);
}
