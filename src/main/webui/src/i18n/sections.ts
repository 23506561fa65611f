/**
 * Which parts of the message files (src/locales/*.json) come with the first page, and which with the workspaces.
 *
 * A public page (search, work page, collections, awards, sign-in) needs only its own texts, the menu's and the enums';
 * the signed-in workspaces' texts (entrant, judge, moderator, organizer and outlet screens: about 60 % of the file)
 * load with their routes (src/WorkspaceRoutes.tsx). The files stay one per language; the build cuts them
 * (vite.config.ts, plugin `locale-sections`: `import m from '…/zh-CN.json?public'` or `?workspace`). A section path is
 * a top-level key or a key below one (`staff.nav`: the menu's words of a section otherwise the workspaces').
 * `sections.test.ts` checks that the code a public page can run names no key outside these.
 */
export const PUBLIC_SECTIONS = [
  'app', 'nav', 'error', 'notFound', 'signin', 'search', 'work', 'collections', 'awards', 'enum', 'library', 'outlet',
  'staff.nav',
] as const;

export type Messages = { [key: string]: string | Messages };

/** The public sections of a message file, or everything else (`workspace`); nested objects are copied where split. */
export function pickSections(messages: Messages, part: 'public' | 'workspace'): Messages {
  const paths = PUBLIC_SECTIONS.map((p) => p.split('.'));
  const walk = (node: Messages, prefix: string[]): Messages => {
    const out: Messages = {};
    for (const [key, value] of Object.entries(node)) {
      const path = [...prefix, key];
      const whole = paths.some((p) => p.length === path.length && p.every((k, i) => k === path[i]));
      const above = paths.some((p) => p.length > path.length && path.every((k, i) => k === p[i]));
      if (whole) {
        if (part === 'public') out[key] = value;
      } else if (above && typeof value === 'object') {
        const inner = walk(value, path);
        if (Object.keys(inner).length) out[key] = inner;
      } else if (part === 'workspace') {
        out[key] = value;
      }
    }
    return out;
  };
  return walk(messages, []);
}
