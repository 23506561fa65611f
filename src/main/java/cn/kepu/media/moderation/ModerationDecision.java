package cn.kepu.media.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One moderator's decision about an entry (a submission) or a publication request, never both; append-only (a
 * database trigger refuses updates and deletes).
 */
@Entity
@Table(name = "moderation_decision")
public class ModerationDecision extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The entry decided on; null for a decision on a publication request. */
    @Column(name = "submission_id")
    public UUID submissionId;

    /** The publication request decided on (stage PUBLICATION); null for a decision on an entry. */
    @Column(name = "publication_request_id")
    public UUID publicationRequestId;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(name = "moderator_id", nullable = false)
    public UUID moderatorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ModerationStage stage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Decision decision;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code", nullable = false)
    public ReasonCode reasonCode;

    @Column(nullable = false)
    public String note;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;
}
