package cn.kepu.media.media;

import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.MsgJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "rendition")
public class Rendition extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "asset_id") UUID assetId,
            @Enumerated(EnumType.STRING) @Column(name = "kind") RenditionKind kind) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RenditionStatus status;

    /** Fixed at creation: {@code renditions/<blindKey>.<ext>}. Written to storage only once the rendition is made. */
    @Column(name = "object_key")
    public String objectKey;

    /** Random, unique; the only name under which a rendition is ever served (see {@code RenditionUrls}). */
    @Column(name = "blind_key", nullable = false)
    public String blindKey;

    /** Percent done of a running transcode; 100 once READY. */
    @Column(nullable = false)
    public int progress;

    @Column(name = "content_type")
    public String contentType;

    public Integer width;
    public Integer height;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /**
     * Why it is SKIPPED or FAILED, or why the last attempt failed, as a message key and its arguments ({@link MsgJson}),
     * rendered in each reader's language; see {@link #message()}. The tools' own (English) errors go to the log.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "message_detail")
    public String messageJson;

    public Optional<Msg> message() {
        return Optional.ofNullable(messageJson).map(MsgJson::read);
    }

    public void message(Msg message) {
        messageJson = message == null ? null : MsgJson.write(message);
    }

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
