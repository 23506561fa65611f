package cn.kepu.media.judging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A judge's task to score one entry in one round. Recusal deletes it (the audit log keeps the trace). */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "round_id", nullable = false)
    public UUID roundId;

    @Column(name = "submission_id", nullable = false)
    public UUID submissionId;

    @Column(name = "judge_id", nullable = false)
    public UUID judgeId;

    @Column(nullable = false)
    public boolean automatic;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;
}
