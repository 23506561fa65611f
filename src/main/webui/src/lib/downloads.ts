/** A row of myDownloads as the history page reads it. */
export interface DownloadNode<W = unknown> {
  id: string;
  workId: string;
  licence: string;
  downloadedAt: string;
  bulkDownloadId: string | null;
  work: W | null;
}

/** One line of the history: a single download, or one work's files taken in the same ZIP. */
export interface DownloadRow<W = unknown> extends DownloadNode<W> {
  key: string;
  files: number;
}

/**
 * Groups a page of downloads (newest first) for reading: the files of one work in one ZIP become one line (with their
 * count), single downloads stay one line each; the order stays newest first.
 */
export function groupDownloads<W>(nodes: readonly DownloadNode<W>[]): DownloadRow<W>[] {
  const rows: DownloadRow<W>[] = [];
  const byZipWork = new Map<string, DownloadRow<W>>();
  for (const n of nodes) {
    if (n.bulkDownloadId) {
      const key = `${n.bulkDownloadId}:${n.workId}`;
      const row = byZipWork.get(key);
      if (row) {
        row.files += 1;
        continue;
      }
      const created = { ...n, key, files: 1 };
      byZipWork.set(key, created);
      rows.push(created);
    } else {
      rows.push({ ...n, key: n.id, files: 1 });
    }
  }
  return rows;
}
