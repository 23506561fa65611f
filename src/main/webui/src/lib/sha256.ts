import { createSHA256 } from 'hash-wasm';

/** Bytes read per step: large enough to be fast, small enough to report progress and keep memory flat. */
export const HASH_CHUNK = 4 * 1024 * 1024;

/**
 * SHA-256 of a whole file as 64 lowercase hex digits, streamed chunk by chunk (WebAssembly), so a 2 GB video never
 * sits in memory at once; the service checks the same digest against the bytes it receives.
 */
export async function sha256OfBlob(blob: Blob, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += HASH_CHUNK) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const chunk = new Uint8Array(await blob.slice(offset, offset + HASH_CHUNK).arrayBuffer());
    hasher.update(chunk);
    onProgress?.(Math.min(offset + HASH_CHUNK, blob.size), blob.size);
  }
  if (blob.size === 0) onProgress?.(0, 0);
  return hasher.digest('hex');
}
