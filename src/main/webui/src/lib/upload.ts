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

/**
 * Parts the store already holds, as Uppy's listParts wants them. The service lists numbers and sizes, not ETags: a
 * part this page stored carries the ETag its PUT was answered with (`known`), any other a placeholder, which
 * {@link completionParts} recognises.
 */
export function storedParts(session: SessionInfo, known: ReadonlyMap<number, string> = new Map()): { PartNumber: number; Size: number; ETag: string }[] {
  return session.parts
    .filter((p) => p.storedBytes != null)
    .map((p) => ({ PartNumber: p.partNumber, Size: Number(p.storedBytes), ETag: known.get(p.partNumber) ?? `${STORED_ELSEWHERE}${p.partNumber}` }));
}

/** Prefix of the ETag placeholder of a part stored before this page knew it (the service did not say its ETag). */
const STORED_ELSEWHERE = 'stored-';

/** A part as completeUpload takes it: its number and the ETag header the store answered its PUT with. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/**
 * The parts for completeUpload, in part order, each with the ETag its PUT was answered with (as sent, quotes and
 * all), so the service completes without asking the store for the list. Null when one part's ETag is not known (it
 * was stored before this page, e.g. by an earlier tab): then completeUpload goes without parts and the service lists
 * them, since a guessed ETag would only make the store refuse the completion.
 */
export function completionParts(parts: readonly { PartNumber?: number; ETag?: string | null }[], known: ReadonlyMap<number, string>): CompletedPart[] | null {
  const out: CompletedPart[] = [];
  for (const p of parts) {
    if (p.PartNumber == null) return null;
    const etag = p.ETag && !p.ETag.startsWith(STORED_ELSEWHERE) ? p.ETag : known.get(p.PartNumber);
    if (!etag) return null;
    out.push({ partNumber: p.PartNumber, etag });
  }
  return out.sort((a, b) => a.partNumber - b.partNumber);
}

/** The presigned URL for one part, or null when the session has none (stored already, or URLs need refreshing). */
export function partUrl(session: SessionInfo, partNumber: number): string | null {
  return session.parts.find((p) => p.partNumber === partNumber)?.url ?? null;
}

export function isMultipart(session: SessionInfo): boolean {
  return session.partSize != null && session.parts.length > 0;
}

type M = Meta & { uploadId?: string };

/** What createUploader gives the upload component. */
export interface Uploader {
  uppy: Uppy<M, Body>;
  /** The service's upload session of each Uppy file. */
  sessions: Map<string, SessionInfo>;
  /** After Uppy's upload-success: the parts for completeUpload, or null (a single PUT, or an ETag not known). */
  completedParts(fileId: string): CompletedPart[] | null;
}

/**
 * An Uppy instance wired to kepu-media's presigned upload flow: the service, not the browser, talks to S3 for
 * create/complete; Uppy PUTs the bytes straight to storage, part by part, and owns progress, pause/resume, retries
 * and resuming from the parts the store already holds (listParts → uploadSession) after a dropped connection.
 */
export function createUploader(api: UploadApi): Uploader {
  const sessions = new Map<string, SessionInfo>();
  /** Per file, the ETag each part's PUT was answered with (Uppy reads the response header; CORS must expose it). */
  const etags = new Map<string, Map<number, string>>();
  const completed = new Map<string, CompletedPart[] | null>();
  const etagsOf = (fileId: string) => {
    let m = etags.get(fileId);
    if (!m) etags.set(fileId, (m = new Map()));
    return m;
  };
  const uppy = new Uppy<M, Body>({ autoProceed: false, allowMultipleUploadBatches: true, restrictions: { maxNumberOfFiles: 1 } });
  // Uppy forgets the ETags of the parts stored before a dropped connection: on resume it takes listParts' answer.
  uppy.on('s3-multipart:part-uploaded', (file, part) => {
    if (file && part.PartNumber != null && part.ETag) etagsOf(file.id).set(part.PartNumber, part.ETag);
  });
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
      return storedParts(await refresh(file), etagsOf(file.id));
    },
    async signPart(file: UppyFile<M, Body>, { partNumber }: { partNumber: number }) {
      let url = partUrl(sessionOf(file), partNumber);
      if (!url) url = partUrl(await refresh(file), partNumber);
      if (!url) throw new Error(`no URL for part ${partNumber}`);
      return { url };
    },
    async completeMultipartUpload(file: UppyFile<M, Body>, { parts }: { parts: { PartNumber?: number; ETag?: string }[] }) {
      // completeUpload (verification from the bytes) runs after Uppy reports success, for single and multipart alike;
      // here only the parts it will name are noted.
      completed.set(file.id, completionParts(parts, etagsOf(file.id)));
      return {} as Body;
    },
    async abortMultipartUpload() {
      // Nothing to do here: the service aborts expired uploads itself.
    },
  };
  uppy.use(AwsS3<M, Body>, options);
  return { uppy, sessions, completedParts: (fileId) => completed.get(fileId) ?? null };
}
