package cn.kepu.media.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One work as the index should hold it, at the search version of the snapshot it was read in.
 *
 * @param source the document as the bulk request sends it (UTF-8 JSON, word fields included), or null when the work
 *               no longer exists (the index must delete it)
 * @param freshUntil when the document stops being what a build would give (a work published for a later time gains
 *                   its autocomplete entry then), null while nothing but a change of the work alters it
 */
public record SearchDocument(UUID id, long version, byte[] source, Instant freshUntil) {

    /** A deletion: the work no longer exists. */
    static SearchDocument gone(UUID id, long version) {
        return new SearchDocument(id, version, null, null);
    }

    /** The source as text (tests, diagnostics). */
    public String sourceText() {
        return source == null ? null : new String(source, StandardCharsets.UTF_8);
    }
}
