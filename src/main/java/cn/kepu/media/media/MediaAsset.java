package cn.kepu.media.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A verified file of a work with the facts probed from its bytes; its id is that of the upload session. */
@Entity
@Table(name = "media_asset")
public class MediaAsset extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "mime_type", nullable = false)
    public String mimeType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    public Integer width;
    public Integer height;
    public Integer orientation;

    @Column(name = "color_space")
    public String colorSpace;

    @Column(name = "captured_at")
    public Instant capturedAt;

    public String camera;

    /** Private: kept for organizers' checks, never exposed through the API nor copied into renditions. */
    @Column(name = "gps_latitude")
    public Double gpsLatitude;

    @Column(name = "gps_longitude")
    public Double gpsLongitude;

    @Column(name = "duration_seconds")
    public Double durationSeconds;

    @Column(name = "frame_rate")
    public Double frameRate;

    @Column(name = "video_codec")
    public String videoCodec;

    @Column(name = "audio_codec")
    public String audioCodec;

    @Column(name = "bitrate_bps")
    public Long bitrateBps;

    /** Degrees clockwise a player turns the video; width and height are already as displayed. */
    public Integer rotation;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The AI label found in the file's metadata at verification (see {@code AiLabelReader}); null: none. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "ai_label")
    public cn.kepu.media.works.AiLabelKind aiLabel;

    /** {@link cn.kepu.media.works.AiLabelSource} names: where the label was found. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(name = "ai_label_sources", nullable = false)
    public String[] aiLabelSources = new String[0];

    /** The generating service the national standard's label names. */
    @Column(name = "ai_label_producer")
    public String aiLabelProducer;

    public boolean isVideo() {
        return mimeType.startsWith("video/");
    }
}
