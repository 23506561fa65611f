package cn.kepu.media.contests;

import cn.kepu.media.works.WorkKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A category of a contest (海报, 摄影, 短视频…): which kinds of work it accepts and the rules for their media. */
@Entity
@Table(name = "contest_category")
public class ContestCategory extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contest_id", nullable = false)
    public UUID contestId;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "accepted_kinds", nullable = false)
    public String[] acceptedKinds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "mime_types", nullable = false)
    public String[] mimeTypes = new String[0];

    @Column(name = "max_size_bytes")
    public Long maxSizeBytes;

    @Column(name = "min_width")
    public Integer minWidth;

    @Column(name = "min_height")
    public Integer minHeight;

    @Column(name = "max_duration_seconds")
    public Double maxDurationSeconds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "aspect_ratios", nullable = false)
    public String[] aspectRatios = new String[0];

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "ai_policy", nullable = false)
    public AiPolicy aiPolicy = AiPolicy.ALLOWED;

    public boolean accepts(WorkKind kind) {
        return Arrays.asList(acceptedKinds).contains(kind.name());
    }

    public MediaRules rules() {
        return new MediaRules(List.of(mimeTypes), maxSizeBytes, minWidth, minHeight, maxDurationSeconds,
                List.of(aspectRatios));
    }

    public static List<ContestCategory> ofContest(UUID contestId) {
        return list("contestId = ?1 order by position", contestId);
    }
}
