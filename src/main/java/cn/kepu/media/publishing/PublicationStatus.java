package cn.kepu.media.publishing;

import org.eclipse.microprofile.graphql.Description;

@Description("PENDING: waits for a moderator. APPROVED: published (or scheduled, see releaseAt). REJECTED: not "
        + "published; the owner may revise the work and ask again. CANCELLED: the owner withdrew the request before a "
        + "decision; the work is back as it was.")
public enum PublicationStatus {
    PENDING, APPROVED, REJECTED, CANCELLED
}
