// @vitest-environment jsdom
import { useMemo, type ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { Provider } from 'urql';
import { useTranslation } from 'react-i18next';
import i18n, { setLanguage } from '../i18n';
import { createApiClient } from '../api/client';
import FileUpload from './FileUpload';
import { loadWorkspaceMessages } from '../i18n/workspace';

// A workspace's component: its texts come with the workspaces' routes (src/i18n/sections.ts).
beforeAll(loadWorkspaceMessages);

// The browser's hashing and Uppy's S3 upload are not what this test is about (lib/upload.test.ts is): the file
// "uploads" at once in three parts whose ETags the uploader noted, the service answers completeUpload with VERIFYING,
// and the verdict follows: refused, as when the bytes are not what the file claims to be, or accepted.
const PARTS = vi.hoisted(() => [{ partNumber: 1, etag: '"e-1"' }, { partNumber: 2, etag: '"e-2"' }, { partNumber: 3, etag: '"e-3"' }]);
vi.mock('../lib/sha256', () => ({ sha256OfBlob: async () => 'ab'.repeat(32) }));
vi.mock('../lib/upload', () => ({
  createUploader: () => {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    return {
      sessions: new Map(),
      completedParts: (fileId: string) => (fileId === 'file-1' ? PARTS : null),
      uppy: {
        on: (event: string, handler: (...args: unknown[]) => void) => handlers.set(event, handler),
        addFile: () => 'file-1',
        upload: () => { setTimeout(() => handlers.get('upload-success')?.({ id: 'file-1' }), 0); },
        destroy: () => {},
        retryAll: () => {},
      },
    };
  },
}));

/**
 * The live socket (graphql-ws): failing at once by default, so the component falls back to asking uploadSession;
 * or, with `socket.live`, kept open and handed to the test, which sends the sessions the service would.
 */
type Sink = { next: (value: unknown) => void; error: (error: unknown) => void; complete: () => void };
const socket: { live: boolean; sinks: { query: string; variables: unknown; sink: Sink }[] } = { live: false, sinks: [] };
vi.mock('graphql-ws', () => ({
  createClient: () => ({
    subscribe: (request: { query: string; variables: unknown }, sink: Sink) => {
      if (socket.live) {
        socket.sinks.push({ query: request.query, variables: request.variables, sink });
      } else {
        setTimeout(() => sink.error(new Error('socket closed')), 0);
      }
      return () => {};
    },
  }),
}));

/** What the service says about the stored verdict, in the language the request asks for (Accept-Language). */
const VERDICT = {
  'zh-CN': '检测到的类型为 text/plain，声明为 image/jpeg',
  en: 'detected text/plain, declared image/jpeg',
};

type Sent = { operationName: string; language: string; variables?: unknown };
const sent: Sent[] = [];
const completions: unknown[] = [];

function serviceAnswer(operationName: string, language: string): unknown {
  switch (operationName) {
    case 'StartUpload':
      return { data: { startUpload: { id: 'session-1', partSize: 5242880, url: 'http://s3.local/put', parts: [], status: 'OPEN' } } };
    case 'CompleteUpload':
      return { data: { completeUpload: { id: 'session-1', status: 'VERIFYING', rejection: null, rejectionMessage: null, asset: null } } };
    case 'UploadSession':
      return { data: { uploadSession: { id: 'session-1', partSize: 5242880, url: null, parts: [], status: 'REJECTED', rejection: 'TYPE_MISMATCH', rejectionMessage: VERDICT[language === 'en' ? 'en' : 'zh-CN'], asset: null } } };
    default:
      throw new Error(`unexpected operation ${operationName}`);
  }
}

beforeAll(() => {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
  vi.stubGlobal('fetch', async (_input: unknown, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { operationName: string; variables: unknown };
    const language = new Headers(init.headers).get('accept-language') ?? '';
    sent.push({ operationName: body.operationName, language });
    if (body.operationName === 'CompleteUpload') completions.push(body.variables);
    return new Response(JSON.stringify(serviceAnswer(body.operationName, language)), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(async () => {
  cleanup();
  sent.length = 0;
  completions.length = 0;
  socket.live = false;
  socket.sinks.length = 0;
  await act(() => setLanguage('zh-CN'));
});

/** As Root does: a new API client per language, whose requests carry that language. */
function WithApi({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const client = useMemo(() => createApiClient(), [current.language]); // eslint-disable-line react-hooks/exhaustive-deps
  return <Provider value={client}>{children}</Provider>;
}

async function rejectedUpload() {
  const view = render(<WithApi><FileUpload workId="work-1" onVerified={() => {}} /></WithApi>);
  const input = view.getByTestId('file-input') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File(['not a picture'], 'photo.jpg', { type: 'image/jpeg' })] } });
  await waitFor(() => expect(view.getByTestId('upload-status').dataset.phase).toBe('rejected'), { timeout: 50_000 });
  return view;
}

const verdictQueries = () => sent.filter((s) => s.operationName === 'UploadSession');

describe('FileUpload: the rejection explained in the language of the interface', () => {
  it('asks the service again for the verdict when the language switches, and shows its answer', async () => {
    const view = await rejectedUpload();
    const alert = () => view.getByTestId('upload-rejected').textContent ?? '';
    expect(alert()).toContain(VERDICT['zh-CN']);
    expect(alert()).toContain(i18n.t('upload.rejection.TYPE_MISMATCH'));
    expect(verdictQueries()).toEqual([{ operationName: 'UploadSession', language: 'zh-CN' }]);

    await act(() => setLanguage('en-US'));
    await waitFor(() => expect(alert()).toContain(VERDICT.en), { timeout: 20_000 });
    expect(alert()).not.toContain(VERDICT['zh-CN']);
    expect(alert()).toContain("The file's content does not match its extension or declared type.");
    expect(verdictQueries().map((s) => s.language)).toEqual(['zh-CN', 'en']);

    await act(() => setLanguage('zh-CN'));
    await waitFor(() => expect(alert()).toContain(VERDICT['zh-CN']), { timeout: 20_000 });
    expect(verdictQueries().map((s) => s.language)).toEqual(['zh-CN', 'en', 'zh-CN']);
  });

  it('does not ask again when nothing was rejected', async () => {
    const view = render(<WithApi><FileUpload workId="work-1" onVerified={() => {}} /></WithApi>);
    await act(() => setLanguage('en-US'));
    expect(view.getByTestId('upload-status').dataset.phase).toBe('idle');
    expect(sent).toEqual([]);
  });
});

describe('FileUpload: verification after the parts are sent', () => {
  it('shows that the file is being verified, then the verdict the subscription brings', async () => {
    socket.live = true;
    const verified = vi.fn();
    const view = render(<WithApi><FileUpload workId="work-1" onVerified={verified} /></WithApi>);
    fireEvent.change(view.getByTestId('file-input') as HTMLInputElement,
      { target: { files: [new File(['a picture'], 'photo.jpg', { type: 'image/jpeg' })] } });
    const status = () => view.getByTestId('upload-status');
    await waitFor(() => expect(socket.sinks).toHaveLength(1), { timeout: 20_000 });
    expect(status().dataset.phase).toBe('verifying');
    expect(status().textContent).toContain(i18n.t('upload.verifying'));
    expect(status().textContent).toContain('校验');
    expect(socket.sinks[0].query).toContain('uploadSessionChanged');
    expect(socket.sinks[0].variables).toEqual({ id: 'session-1' });

    // The state at once (still verifying), then the verdict.
    const sink = socket.sinks[0].sink;
    act(() => sink.next({ data: { uploadSessionChanged: { id: 'session-1', status: 'VERIFYING', rejection: null, rejectionMessage: null, asset: null } } }));
    expect(status().dataset.phase).toBe('verifying');
    const asset = { id: 'session-1', fileName: 'photo.jpg', mimeType: 'image/jpeg', sizeBytes: '9', width: 1200, height: 1000, durationSeconds: null, videoCodec: null, sha256: 'ab'.repeat(32) };
    act(() => sink.next({ data: { uploadSessionChanged: { id: 'session-1', status: 'COMPLETED', rejection: null, rejectionMessage: null, asset } } }));
    await waitFor(() => expect(status().dataset.phase).toBe('done'));
    expect(view.getByTestId('upload-verified').textContent).toContain('1200×1000');
    expect(verified).toHaveBeenCalledWith(asset);
    // Live, so the verdict was never asked for.
    expect(verdictQueries()).toEqual([]);
    // The completion named every part with its PUT's ETag, in order: the service did not have to list them.
    expect(completions).toEqual([{ id: 'session-1', parts: PARTS }]);
  });
});
