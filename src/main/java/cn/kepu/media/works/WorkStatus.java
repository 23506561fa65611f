package cn.kepu.media.works;

import org.eclipse.microprofile.graphql.Description;

@Description("Lifecycle of a work: only PUBLISHED works are visible to the public and to media outlets.")
public enum WorkStatus {
    DRAFT, IN_MODERATION, PUBLISHED, REJECTED, WITHDRAWN;

    /** States in which the owner may still change the work without going through moderation again. */
    public boolean editableByOwner() {
        return this == DRAFT || this == REJECTED || this == WITHDRAWN;
    }
}
