import Uppy, { type UppyFile, type Meta, type Body } from '@uppy/core';
import AwsS3, { type AwsS3MultipartOptions } from '@uppy/aws-s3';

/** The parts of the API's UploadSession the uploader needs (see startUpload / uploadSession in the contract). */
export interface SessionInfo {
  id: string;
  partSize: number | string | null;
  url: string | null;
  parts: { partNumber: number; url: string | null; storedBytes: number | string | null }[];
}

export interface UploadApi {
  /** startUpload: declares the file (name, type, size, SHA-256) and gets presigned URLs. */
  start(file: File, sha256: string): Promise<SessionInfo>;
  /** uploadSession: which parts the store holds, fresh URLs for the missing ones (resume). */
  session(id: string): Promise<SessionInfo>;
}

/** Parts the store already holds, as Uppy's listParts wants them; the service completes without ETags. */
export function storedParts(session: SessionInfo): { PartNumber: number; Size: number; ETag: string }[] {
  return session.parts
    .filter((p) => p.storedBytes != null)
    .map((p) => ({ PartNumber: p.partNumber, Size: Number(p.storedBytes), ETag: `stored-${p.partNumber}` }));
}

/** The presigned URL for one part, or null when the session has none (stored already, or URLs need refreshing). */
export function partUrl(session: SessionInfo, partNumber: number): string | null {
  return session.parts.find((p) => p.partNumber === partNumber)?.url ?? null;
}

export function isMultipart(session: SessionInfo): boolean {
  return session.partSize != null && session.parts.length > 0;
}

type M = Meta & { uploadId?: string };

/**
 * An Uppy instance wired to kepu-media's presigned upload flow: the service, not the browser, talks to S3 for
 * create/complete; Uppy PUTs the bytes straight to storage, part by part, and owns progress, pause/resume, retries
 * and resuming from the parts the store already holds (listParts → uploadSession) after a dropped connection.
 */
export function createUploader(api: UploadApi): { uppy: Uppy<M, Body>; sessions: Map<string, SessionInfo> } {
  const sessions = new Map<string, SessionInfo>();
  const uppy = new Uppy<M, Body>({ autoProceed: false, allowMultipleUploadBatches: true, restrictions: { maxNumberOfFiles: 1 } });
  const sessionOf = (file: UppyFile<M, Body>) => {
    const s = sessions.get(file.id);
    if (!s) throw new Error('upload not started');
    return s;
  };
  const refresh = async (file: UppyFile<M, Body>) => {
    const fresh = await api.session(sessionOf(file).id);
    sessions.set(file.id, fresh);
    return fresh;
  };
  const options: AwsS3MultipartOptions<M, Body> = {
    // One request per part, parts in order: the service's part size decides the boundaries.
    limit: 1,
    retryDelays: [0, 1000, 3000, 5000, 10000],
    shouldUseMultipart: (file: UppyFile<M, Body>) => isMultipart(sessionOf(file)),
    // Part boundaries must be the service's: one file per uploader, so its session's part size.
    getChunkSize: () => Number([...sessions.values()][0]?.partSize ?? 5 * 1024 * 1024),
    async getUploadParameters(file: UppyFile<M, Body>) {
      let s = sessionOf(file);
      if (!s.url) s = await refresh(file);
      if (!s.url) throw new Error('no upload URL');
      return { method: 'PUT', url: s.url, fields: {}, headers: {} };
    },
    async createMultipartUpload(file: UppyFile<M, Body>) {
      const s = sessionOf(file);
      return { uploadId: s.id, key: s.id };
    },
    async listParts(file: UppyFile<M, Body>) {
      return storedParts(await refresh(file));
    },
    async signPart(file: UppyFile<M, Body>, { partNumber }: { partNumber: number }) {
      let url = partUrl(sessionOf(file), partNumber);
      if (!url) url = partUrl(await refresh(file), partNumber);
      if (!url) throw new Error(`no URL for part ${partNumber}`);
      return { url };
    },
    async completeMultipartUpload() {
      // completeUpload (verification from the bytes) runs after Uppy reports success, for single and multipart alike.
      return {} as Body;
    },
    async abortMultipartUpload() {
      // Nothing to do here: the service aborts expired uploads itself.
    },
  };
  uppy.use(AwsS3<M, Body>, options);
  return { uppy, sessions };
}
