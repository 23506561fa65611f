package cn.kepu.media.judging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "award")
public class Award extends PanacheEntityBase {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Column(name = "contest_id", nullable = false)
    public UUID contestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AwardTier tier;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;
}
