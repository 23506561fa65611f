package cn.kepu.media.search;

import java.util.UUID;

/**
 * What saved searches tell the features above (notifications mails it). Fired synchronously inside the transaction
 * that records the match, so whatever an observer writes commits or rolls back with it.
 */
public final class SavedSearchEvents {

    private SavedSearchEvents() {
    }

    /** A work that just became public matches an outlet's saved search (once per search and work). */
    public record Matched(UUID recipientId, UUID savedSearchId, String searchName, UUID workId, String workTitle) {
    }
}
