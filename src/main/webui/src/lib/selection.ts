import { useSyncExternalStore } from 'react';

/**
 * An outlet's selection of works for a bulk download, kept for this tab (sessionStorage) while they search.
 */
const KEY = 'kepu.selection';
const listeners = new Set<() => void>();
let ids: string[] = load();

function load(): string[] {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function save(next: string[]) {
  ids = next;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* ignore */
  }
  listeners.forEach((l) => l());
}

export function toggleSelected(id: string, on: boolean) {
  save(on ? (ids.includes(id) ? ids : [...ids, id]) : ids.filter((x) => x !== id));
}

export function clearSelection() {
  save([]);
}

export function useSelection() {
  const current = useSyncExternalStore(
    (l) => { listeners.add(l); return () => listeners.delete(l); },
    () => ids,
  );
  return { ids: current, has: (id: string) => current.includes(id), toggle: toggleSelected, clear: clearSelection };
}
