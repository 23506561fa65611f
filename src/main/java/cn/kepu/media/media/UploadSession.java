package cn.kepu.media.media;

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
@Table(name = "upload_session")
public class UploadSession extends PanacheEntityBase {

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

    @Column(name = "declared_type", nullable = false)
    public String declaredType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "multipart_upload_id")
    public String multipartUploadId;

    @Column(name = "part_size")
    public Long partSize;

    @Column(name = "part_count")
    public Integer partCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UploadStatus status;

    @Enumerated(EnumType.STRING)
    public Rejection rejection;

    @Column(name = "rejection_message")
    public String rejectionMessage;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean multipart() {
        return multipartUploadId != null;
    }
}
