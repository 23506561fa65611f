package cn.kepu.media.notifications;

import cn.kepu.media.identity.Role;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;

/**
 * What a notification is about. Each kind has its own template pair ({@code templates/notifications/<KIND>_zh.txt}
 * and {@code _en.txt}) and its own switch in a person's preferences; all are on by default.
 */
@Description("What an e-mail notification is about; each kind can be switched off in the preferences.")
public enum NotificationKind {
    /** Entrant: a submission was received (or replaced) and waits for review. */
    ENTRY_RECEIVED(false, Set.of(Role.ENTRANT)),
    /** Entrant: a moderator approved or rejected an entry, with the reason and what to do next. */
    MODERATION_DECISION(false, Set.of(Role.ENTRANT)),
    /** Entrant: a contest's results are published (the entry's award tier, or none). */
    RESULTS_PUBLISHED(false, Set.of(Role.ENTRANT)),
    /** Judge: put on a contest's judging panel. */
    PANEL_INVITATION(false, Set.of(Role.JUDGE)),
    /** Judge: new entries to score; several at once travel in one mail. */
    NEW_ASSIGNMENT(true, Set.of(Role.JUDGE)),
    /** Judge: the judging deadline is near and entries are still unscored. */
    JUDGING_REMINDER(false, Set.of(Role.JUDGE)),
    /** Owner of a work: a moderator decided on its publication request (with the release time, if any). */
    PUBLICATION_DECISION(false, Set.of(Role.ENTRANT, Role.ORGANIZER)),
    /** Owner of a work: an organizer took it down, with the reason. */
    WORK_TAKEN_DOWN(false, Set.of(Role.ENTRANT, Role.ORGANIZER)),
    /** Media outlet: new published works match a saved search; several at once travel in one mail. */
    SAVED_SEARCH_ALERT(true, Set.of(Role.MEDIA));

    private final boolean digest;
    private final Set<Role> audience;

    NotificationKind(boolean digest, Set<Role> audience) {
        this.digest = digest;
        this.audience = audience;
    }

    /** Whether rows of this kind due for one recipient are mailed together, as one message listing them all. */
    public boolean digest() {
        return digest;
    }

    /** Who usually receives it (for the preferences screen); preferences of other kinds are allowed too. */
    public Set<Role> audience() {
        return audience;
    }
}
