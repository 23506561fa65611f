/**
 * Search highlights arrive as plain text with matches wrapped in `<em>…</em>` (the index does not HTML-encode the
 * source). They are never inserted as HTML: the fragment is cut at those two exact markers and every piece becomes a
 * text node, so whatever markup an entrant typed into a title stays inert text.
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
    else if (part) pieces.push({ text: part, match });
  }
  return pieces;
}

/** The first fragment for a field (e.g. title), or null. */
export function fragmentFor(highlights: readonly { field: string; fragments: readonly string[] }[], field: string): string | null {
  return highlights.find((h) => h.field === field || h.field.startsWith(`${field}.`))?.fragments[0] ?? null;
}
