// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import '../../i18n';
import ModerationPage from './ModerationPage';
import { loadWorkspaceMessages } from '../../i18n/workspace';

// A workspace's component: its texts come with the workspaces' routes (src/i18n/sections.ts).
beforeAll(loadWorkspaceMessages);

beforeAll(() => {
  // antd reads these; jsdom lacks them.
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const preview = { mediaType: 'IMAGE', thumbnailUrl: '/t.jpg', previewUrl: '/p.jpg', largeUrl: '/l.jpg', posterUrl: null, durationSeconds: null, width: 800, height: 600, urlsExpireAt: '2099-01-01T00:00:00Z' };
const video = { ...preview, mediaType: 'VIDEO', previewUrl: '/v.mp4', posterUrl: '/poster.jpg', largeUrl: null };
const inbox = {
  moderationInbox: {
    edges: [
      {
        cursor: 'c1',
        node: {
          stage: 'ENTRY', publicationRequest: null,
          submission: {
            id: 's1', entryCode: 'E-1', categoryName: '海报', submittedAt: '2026-12-01T00:00:00Z', previousSubmissionId: null,
            previews: [preview],
            nearDuplicates: [{ matchedWorkId: 'w9', matchedWorkTitle: '旧海报', matchedWorkStatus: 'PUBLISHED', distance: 2, framesMatched: 1 }],
            work: { id: 'w1', title: '量子海报', description: '说明', kind: 'POSTER' },
          },
        },
      },
      {
        cursor: 'c2',
        node: {
          stage: 'PUBLICATION', submission: null,
          publicationRequest: {
            id: 'r1', note: '请发布', onBehalfOf: '科协', requestedAt: '2026-12-01T01:00:00Z',
            work: { id: 'w2', title: '深海视频', description: '', kind: 'SHORT_VIDEO', previews: [video], nearDuplicates: [] },
          },
        },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: 'c2' },
  },
};

function mockClient() {
  const mutations: { query: string; variables: unknown }[] = [];
  const client = {
    executeQuery: ({ query }: { query: { definitions: { name?: { value: string } }[] } }) => {
      const name = query.definitions.find((d) => d.name)?.name?.value;
      if (name === 'ModerationInbox') return fromValue({ data: inbox });
      if (name === 'ModerationContests') return fromValue({ data: { contests: [] } });
      return never;
    },
    executeMutation: ({ query, variables }: { query: { definitions: { name?: { value: string } }[] }; variables: unknown }) => {
      const name = query.definitions.find((d) => d.name)?.name?.value ?? '';
      mutations.push({ query: name, variables });
      return fromValue({ data: name === 'Moderate' ? { moderate: { id: 's1', status: 'ACCEPTED' } } : { moderatePublication: { id: 'r1', status: 'APPROVED' } } });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, mutations };
}

describe('ModerationPage', () => {
  it('shows entries and publication requests with previews and near-duplicates, and approves each through its mutation', async () => {
    const { client, mutations } = mockClient();
    render(<Provider value={client}><MemoryRouter><ModerationPage /></MemoryRouter></Provider>);

    expect(await screen.findByText('量子海报')).toBeTruthy();
    expect(screen.getByText('深海视频')).toBeTruthy();
    expect(screen.getByTestId('near-duplicates').textContent).toContain('旧海报');
    expect(screen.getByText('发布申请')).toBeTruthy();
    const player = document.querySelector('video[data-testid="preview-video"]') as HTMLVideoElement;
    expect(player.getAttribute('src')).toBe('/v.mp4');
    expect(player.getAttribute('poster')).toBe('/poster.jpg');
    expect(document.querySelector('img[src="/p.jpg"]')).not.toBeNull();

    const approve = screen.getAllByTestId('moderation-approve');
    fireEvent.click(approve[0]);
    fireEvent.click(approve[1]);
    await waitFor(() => expect(mutations).toHaveLength(2));
    expect(mutations[0]).toEqual({ query: 'Moderate', variables: { input: { submissionId: 's1', stage: 'ENTRY', decision: 'APPROVE', reasonCode: 'OK', note: null } } });
    expect(mutations[1]).toEqual({ query: 'ModeratePublication', variables: { input: { requestId: 'r1', decision: 'APPROVE', reasonCode: 'OK', note: null, releaseAt: null } } });
  });
});
