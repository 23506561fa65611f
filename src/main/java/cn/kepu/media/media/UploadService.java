package cn.kepu.media.media;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Work;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Direct uploads: the client sends bytes straight to object storage through presigned URLs; this service only
 * plans, tracks and verifies. Nothing becomes a {@link MediaAsset} before {@link MediaInspector} accepted it.
 *
 * <p>Transactions are short and explicit: no database transaction is held while bytes are read back from storage.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PARTS = 10_000;

    /** What a client declares when it starts an upload. */
    public record Start(String workId, String fileName, String declaredType, long sizeBytes, String sha256) {
    }

    private final Caller caller;
    private final MediaStorage storage;
    private final MediaInspector inspector;
    private final MediaConfig config;
    private final RenditionWorker renditions;
    private final Clock clock;

    public UploadService(Caller caller, MediaStorage storage, MediaInspector inspector, MediaConfig config,
            RenditionWorker renditions, Clock clock) {
        this.caller = caller;
        this.storage = storage;
        this.inspector = inspector;
        this.config = config;
        this.renditions = renditions;
        this.clock = clock;
    }

    /**
     * Opens an upload for a file of the caller's own editable work. Declarations that can already be refused
     * (unknown type, type not accepted for the work, too large, malformed checksum) are refused here, before any
     * byte is sent; the declaration is checked against the bytes again on completion.
     */
    public UploadPlan start(Start input) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        UUID workId = Ids.parse(input.workId(), "input.workId");
        String fileName = displayName(input.fileName());
        String sha256 = input.sha256() == null ? "" : input.sha256().strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sha256", Msg.of("media.upload.sha256"));
        }
        if (input.sizeBytes() <= 0) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sizeBytes", Msg.of("media.upload.sizePositive"));
        }
        Work work = QuarkusTransaction.joiningExisting().call(() -> Work.<Work>findById(workId));
        if (work == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "input.workId", Msg.of("media.upload.workNotFound",
                    input.workId()));
        }
        if (!work.ownerId.equals(me.id)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "input.workId", Msg.of("media.upload.notOwner"));
        }
        if (!work.status.editableByOwner()) {
            throw new ApiException(ErrorCode.CONFLICT, "input.workId", Msg.of("media.upload.workNotEditable",
                    work.status.name()));
        }
        MediaFormat format = MediaFormat.ofMimeType(input.declaredType()).orElseThrow(() -> new ApiException(
                ErrorCode.VALIDATION, "input.declaredType", Msg.of("media.upload.typeNotAccepted",
                        String.valueOf(input.declaredType()))));
        if (!format.allowedFor(work.kind)) {
            throw new ApiException(ErrorCode.VALIDATION, "input.declaredType", Msg.of("media.upload.typeNotForKind",
                    format.mimeType(), Msg.of("works.kind." + work.kind.name())));
        }
        long limit = format.isVideo() ? config.videos().maxBytes() : config.images().maxBytes();
        if (input.sizeBytes() > limit) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sizeBytes", Msg.of("media.upload.tooLarge",
                    Long.toString(input.sizeBytes()), Long.toString(limit), format.mimeType()));
        }

        UploadSession session = new UploadSession();
        session.id = UUID.randomUUID();
        session.workId = workId;
        session.ownerId = me.id;
        // Generated, never derived from the client's file name.
        session.objectKey = "originals/" + workId + "/" + session.id;
        session.fileName = fileName;
        session.declaredType = format.mimeType();
        session.sizeBytes = input.sizeBytes();
        session.sha256 = sha256;
        session.status = UploadStatus.OPEN;
        session.createdAt = now();
        session.expiresAt = session.createdAt.plus(config.uploads().expireAfter());
        long partSize = config.uploads().partSize();
        if (input.sizeBytes() > partSize) {
            long parts = (input.sizeBytes() + partSize - 1) / partSize;
            if (parts > MAX_PARTS) {
                throw new ApiException(ErrorCode.VALIDATION, "input.sizeBytes", Msg.of("media.upload.tooManyParts",
                        Integer.toString(MAX_PARTS)));
            }
            session.partSize = partSize;
            session.partCount = (int) parts;
            session.multipartUploadId = storage.createMultipart(session.objectKey);
        }
        QuarkusTransaction.requiringNew().run(session::persist);
        return plan(session, List.of());
    }

    /** The caller's upload with fresh URLs for what is still missing: how a client resumes after an interruption. */
    public UploadPlan resume(String uploadId) {
        UploadSession session = ownSession(uploadId);
        if (session.status != UploadStatus.OPEN) {
            return new UploadPlan(session, null, List.of());
        }
        List<MediaStorage.StoredPart> stored = session.multipart()
                ? storage.listParts(session.objectKey, session.multipartUploadId)
                : List.of();
        return plan(session, stored);
    }

    public UploadSession session(String uploadId) {
        return ownSession(uploadId);
    }

    /**
     * Finishes the upload and verifies the object. Accepted: a {@link MediaAsset} with its probed facts, and
     * renditions queued. Rejected: the object is deleted, the session records why, and the caller gets a
     * {@link ErrorCode#MEDIA_REJECTED} error. Parts or object still missing: CONFLICT, and the upload stays open.
     */
    public MediaAsset complete(String uploadId) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        UUID id = Ids.parse(uploadId, "uploadId");
        record Claimed(UploadSession session, Work work) {
        }
        Claimed claimed = QuarkusTransaction.requiringNew().call(() -> {
            UploadSession s = UploadSession.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (s == null) {
                throw new ApiException(ErrorCode.NOT_FOUND, "uploadId", Msg.of("media.upload.notFound", uploadId));
            }
            if (!s.ownerId.equals(me.id)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "uploadId", Msg.of("media.upload.notYours"));
            }
            if (s.status != UploadStatus.OPEN) {
                throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.notOpen",
                        s.status.name()));
            }
            if (s.expiresAt.isBefore(clock.instant())) {
                throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.expired",
                        s.expiresAt.toString()));
            }
            s.status = UploadStatus.VERIFYING;
            return new Claimed(s, Work.findById(s.workId));
        });
        UploadSession session = claimed.session();
        boolean settled = false;
        try {
            if (session.multipart()) {
                finishMultipart(session);
            }
            var stat = storage.stat(session.objectKey).orElseThrow(() -> new ApiException(ErrorCode.CONFLICT,
                    "uploadId", Msg.of("media.upload.nothingStored")));
            Verdict verdict = inspector.inspect(session.objectKey, stat.size(), new MediaInspector.Declared(
                    claimed.work().kind, session.fileName, session.declaredType, session.sizeBytes, session.sha256));
            settled = true;
            return switch (verdict) {
                case Verdict.Accepted accepted -> accept(session, accepted);
                case Verdict.Rejected rejected -> throw reject(session, rejected);
            };
        } finally {
            if (!settled) {
                // Not the file's fault (parts missing, storage unavailable): let the client fix it and retry.
                QuarkusTransaction.requiringNew().run(() -> UploadSession.update(
                        "status = ?1 where id = ?2 and status = ?3", UploadStatus.OPEN, id, UploadStatus.VERIFYING));
            }
        }
    }

    private void finishMultipart(UploadSession session) {
        List<MediaStorage.StoredPart> parts = storage.listParts(session.objectKey, session.multipartUploadId);
        Map<Integer, MediaStorage.StoredPart> byNumber = parts.stream()
                .collect(Collectors.toMap(MediaStorage.StoredPart::number, Function.identity(), (a, b) -> b));
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= session.partCount; n++) {
            if (!byNumber.containsKey(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.partsMissing",
                    missing.toString()));
        }
        if (byNumber.size() > session.partCount) {
            // Parts beyond the plan can only be a client bug; including them would change the file.
            byNumber.keySet().removeIf(n -> n > session.partCount);
        }
        storage.completeMultipart(session.objectKey, session.multipartUploadId,
                byNumber.values().stream().sorted((a, b) -> Integer.compare(a.number(), b.number())).toList());
    }

    private MediaAsset accept(UploadSession session, Verdict.Accepted verdict) {
        MediaAsset accepted = QuarkusTransaction.requiringNew().call(() -> {
            UploadSession s = UploadSession.findById(session.id);
            s.status = UploadStatus.COMPLETED;
            s.finishedAt = now();
            ProbedFacts facts = verdict.facts();
            MediaAsset asset = new MediaAsset();
            asset.id = s.id;
            asset.workId = s.workId;
            asset.ownerId = s.ownerId;
            asset.objectKey = s.objectKey;
            asset.fileName = s.fileName;
            asset.mimeType = verdict.format().mimeType();
            asset.sizeBytes = s.sizeBytes;
            asset.sha256 = s.sha256;
            asset.width = facts.width();
            asset.height = facts.height();
            asset.orientation = facts.orientation();
            asset.colorSpace = facts.colorSpace();
            asset.capturedAt = facts.capturedAt();
            asset.camera = facts.camera();
            asset.gpsLatitude = facts.gpsLatitude();
            asset.gpsLongitude = facts.gpsLongitude();
            asset.durationSeconds = facts.durationSeconds();
            asset.frameRate = facts.frameRate();
            asset.videoCodec = facts.videoCodec();
            asset.audioCodec = facts.audioCodec();
            asset.bitrateBps = facts.bitrateBps();
            asset.rotation = facts.rotation();
            if (facts.aiLabel() != null) {
                asset.aiLabel = facts.aiLabel().kind();
                asset.aiLabelSources = facts.aiLabel().sources().stream().map(Enum::name).toArray(String[]::new);
                asset.aiLabelProducer = facts.aiLabel().producer();
            }
            asset.createdAt = s.finishedAt;
            asset.persist();
            RenditionWorker.kindsFor(verdict.format()).forEach((kind, extension) ->
                    RenditionWorker.pending(asset.id, kind, extension, s.finishedAt).persist());
            return asset;
        });
        renditions.wake();
        return accepted;
    }

    private ApiException reject(UploadSession session, Verdict.Rejected verdict) {
        storage.remove(session.objectKey);
        QuarkusTransaction.requiringNew().run(() -> {
            UploadSession s = UploadSession.findById(session.id);
            s.status = UploadStatus.REJECTED;
            s.rejection = verdict.reason();
            s.rejectionDetail(verdict.detail());
            s.finishedAt = now();
        });
        LOG.infof("Rejected upload %s: %s %s", session.id, verdict.reason(), verdict.detail().in(Messages.ENGLISH));
        return new ApiException(ErrorCode.MEDIA_REJECTED, verdict.reason().field(),
                rejectedMessage(verdict.reason(), verdict.detail()));
    }

    /** What a client is told of a rejection, in its language: the code, the reason, the file's detail, what to do. */
    public static Msg rejectedMessage(Rejection reason, Msg detail) {
        return Msg.of("media.upload.rejected", reason.name(), detail, Msg.of("media.rejection." + reason.name()));
    }

    private UploadSession ownSession(String uploadId) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        UUID id = Ids.parse(uploadId, "uploadId");
        UploadSession session = QuarkusTransaction.joiningExisting().call(() -> UploadSession.findById(id));
        if (session == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "uploadId", Msg.of("media.upload.notFound", uploadId));
        }
        if (!session.ownerId.equals(me.id)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "uploadId", Msg.of("media.upload.notYours"));
        }
        return session;
    }

    private UploadPlan plan(UploadSession session, List<MediaStorage.StoredPart> stored) {
        var ttl = config.uploads().urlTtl();
        if (!session.multipart()) {
            return new UploadPlan(session, storage.presignPut(session.objectKey, ttl), List.of());
        }
        Map<Integer, Long> storedSizes = stored.stream()
                .collect(Collectors.toMap(MediaStorage.StoredPart::number, MediaStorage.StoredPart::size, (a, b) -> b));
        List<UploadPlan.PartPlan> parts = new ArrayList<>(session.partCount);
        for (int n = 1; n <= session.partCount; n++) {
            Long size = storedSizes.get(n);
            parts.add(new UploadPlan.PartPlan(n, size != null ? null
                    : storage.presignPart(session.objectKey, session.multipartUploadId, n, ttl), size));
        }
        return new UploadPlan(session, null, parts);
    }

    /** The client's file name, reduced to its last path segment; only ever shown, never used as a key. */
    private static String displayName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION, "input.fileName", Msg.of("media.upload.fileNameBlank"));
        }
        String name = fileName.strip().replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        if (name.isBlank() || name.length() > 200) {
            throw new ApiException(ErrorCode.VALIDATION, "input.fileName", Msg.of("media.upload.fileNameLength"));
        }
        return name;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
