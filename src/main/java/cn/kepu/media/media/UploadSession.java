package cn.kepu.media.media;

import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.MsgJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /**
     * What is wrong with the rejected file, as a message key and its arguments ({@link MsgJson}), rendered in each
     * reader's language when read; see {@link #rejectionDetail()}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rejection_detail")
    public String rejectionDetailJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The token of the verification attempt that holds this session (see {@link UploadVerifier}); null between. */
    @Column(name = "verify_claim")
    public UUID verifyClaim;

    /** While VERIFYING: the claim's lease, or when the next attempt is due. */
    @Column(name = "verify_claimed_until")
    public Instant verifyClaimedUntil;

    @Column(name = "verify_attempts", nullable = false)
    public int verifyAttempts;

    /**
     * The rejection's detail; the reason alone for a row without one. For a FAILED session, why verification could not
     * finish; for an OPEN one that verification sent back, which parts the store is missing. Empty otherwise.
     */
    public Optional<Msg> rejectionDetail() {
        if ((status == UploadStatus.FAILED || status == UploadStatus.OPEN) && rejectionDetailJson != null) {
            return Optional.of(MsgJson.read(rejectionDetailJson));
        }
        if (rejection == null) {
            return Optional.empty();
        }
        return Optional.of(rejectionDetailJson == null ? Msg.of("media.rejection." + rejection.name())
                : MsgJson.read(rejectionDetailJson));
    }

    public void rejectionDetail(Msg detail) {
        rejectionDetailJson = MsgJson.write(detail);
    }

    public boolean multipart() {
        return multipartUploadId != null;
    }
}
