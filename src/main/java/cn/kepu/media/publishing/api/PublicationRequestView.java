package cn.kepu.media.publishing.api;

import cn.kepu.media.publishing.PublicationRequest;
import cn.kepu.media.publishing.PublicationStatus;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("PublicationRequest")
@Description("A request to publish a work outside contests; reviewed by moderators at the PUBLICATION stage.")
public record PublicationRequestView(
        @Id @NonNull String id,
        @Id @NonNull String workId,
        @NonNull PublicationStatus status,
        @Description("The organisation an organizer asked for, if not the owner.") String onBehalfOf,
        @NonNull @Description("What the requester told the moderators.") String note,
        @NonNull Instant requestedAt,
        Instant decidedAt,
        @Description("Approved with a release time (embargo): the work stays invisible to the public until then.")
        Instant releaseAt,
        @Description("When the work became public (the approval, or the release time once it passed).")
        Instant releasedAt) {

    public static PublicationRequestView of(PublicationRequest r) {
        return new PublicationRequestView(r.id.toString(), r.workId.toString(), r.status, r.onBehalfOf, r.note, r.requestedAt,
                r.decidedAt, r.releaseAt, r.releasedAt);
    }
}
