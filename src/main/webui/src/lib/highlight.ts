/**
 * Search highlights arrive as HTML: the service escapes the document's text (`&`, `<`, `>`, `"`, `'` as entities,
 * search/text/Highlights) and wraps matches in `<em>…</em>`. They are never inserted as HTML: the fragment is cut at
 * those two exact markers, each piece's entities are decoded back to the characters the entrant typed, and every piece
 * becomes a text node, so whatever markup an entrant typed into a title stays inert text (and `a < b & c` reads as
 * typed, not `a &lt; b &amp; c`).
 */
export interface HighlightPiece {
  text: string;
  match: boolean;
}

export function splitHighlight(fragment: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  let match = false;
  for (const part of fragment.split(/(<em>|<\/em>)/)) {
    if (part === '<em>') match = true;
    else if (part === '</em>') match = false;
    else if (part) pieces.push({ text: decodeEntities(part), match });
  }
  return pieces;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The five entities the service's escaper writes (shared/Html), decoded in one pass: `&amp;lt;` (an entrant who typed
 * `&lt;`) becomes `&lt;`, not `<`. Anything else (`&nbsp;`, a lone `&`) stays as it is.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/** The first fragment for a field (e.g. title), or null. */
export function fragmentFor(highlights: readonly { field: string; fragments: readonly string[] }[], field: string): string | null {
  return highlights.find((h) => h.field === field || h.field.startsWith(`${field}.`))?.fragments[0] ?? null;
}
