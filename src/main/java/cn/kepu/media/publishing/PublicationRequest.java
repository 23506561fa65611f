package cn.kepu.media.publishing;

import cn.kepu.media.works.WorkStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A request to publish a work outside any contest; at most one PENDING per work (unique index). */
@Entity
@Table(name = "publication_request")
public class PublicationRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(name = "requested_by", nullable = false)
    public UUID requestedBy;

    /** The organisation an organizer asked for, when they are not the owner. */
    @Column(name = "on_behalf_of")
    public String onBehalfOf;

    @Column(nullable = false)
    public String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PublicationStatus status;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The approved release time (embargo), when it was in the future at approval. */
    @Column(name = "release_at")
    public Instant releaseAt;

    /** When the work became public: at approval, or when the release job passed {@link #releaseAt}. */
    @Column(name = "released_at")
    public Instant releasedAt;

    /** The work's status when the request was made, restored when the owner cancels it (null before V155). */
    @Enumerated(EnumType.STRING)
    @Column(name = "work_status_before")
    public WorkStatus workStatusBefore;

    @Version
    public long version;
}
