package cn.kepu.media.notifications;

import cn.kepu.media.search.SavedSearchEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mails saved-search matches: each {@link SavedSearchEvents.Matched} becomes a SAVED_SEARCH_ALERT row in the outbox,
 * in the transaction that recorded the match; the sender groups an outlet's due matches into one mail.
 */
@ApplicationScoped
public class SavedSearchNotifications {

    private final NotificationOutbox outbox;

    public SavedSearchNotifications(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    void matched(@Observes SavedSearchEvents.Matched event) {
        outbox.savedSearchMatched(event.recipientId(), event.savedSearchId(), event.searchName(), event.workId(),
                event.workTitle());
    }
}
