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

/** One moderator's decision; append-only (a database trigger refuses updates and deletes). */
@Entity
@Table(name = "moderation_decision")
public class ModerationDecision extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "submission_id", nullable = false)
    public UUID submissionId;

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
