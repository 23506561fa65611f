package cn.kepu.media.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * One work as the index should hold it, at the search version of the snapshot it was read in.
 *
 * @param source the document, or null when the work no longer exists (the index must delete it)
 */
public record SearchDocument(UUID id, long version, ObjectNode source) {
}
