package cn.kepu.media.media;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Direct uploads: the client sends bytes straight to object storage through presigned URLs; this service only
 * plans and tracks, and hands completed uploads to {@link UploadVerifier}. Nothing becomes a {@link MediaAsset}
 * before {@link MediaInspector} accepted it.
 *
 * <p>Transactions are short and explicit, one per call: each call is what a client waits for (issue 13: an upload
 * within 5 % of the raw transfer), so every read and write of a call shares one connection and one commit. The store
 * is asked inside it only where that makes the check and the change one step (see {@link #complete}) or costs no lock
 * (see {@link #start}).
 */
@ApplicationScoped
public class UploadService {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PARTS = 10_000;
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final String START = "startUpload";
    private static final String COMPLETE = "completeUpload";

    /** A part as the store answered its PUT: the part's number and the answer's ETag. */
    public record CompletedPart(int number, String etag) {
    }

    /** What a client declares when it starts an upload. */
    public record Start(String workId, String fileName, String declaredType, long sizeBytes, String sha256) {
    }

    private final Caller caller;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final UploadVerifier verifier;
    private final UploadEvents events;
    private final Clock clock;

    public UploadService(Caller caller, MediaStorage storage, MediaConfig config, UploadVerifier verifier,
            UploadEvents events, Clock clock) {
        this.caller = caller;
        this.storage = storage;
        this.config = config;
        this.verifier = verifier;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens an upload for a file of the caller's own editable work. Declarations that can already be refused
     * (unknown type, type not accepted for the work, too large, malformed checksum) are refused here, before any
     * byte is sent; the declaration is checked against the bytes again on completion.
     */
    public UploadPlan start(Start input) {
        UploadPhase call = UploadPhase.begin(START, "service");
        try {
            return startTimed(input);
        } finally {
            call.done();
        }
    }

    private UploadPlan startTimed(Start input) {
        // The role decides from the token alone (the account's grants only add roles: Caller#has), so a caller without
        // one is refused before the store is asked for anything, and the store's round trip starts before the
        // database's. What the account says (registered, owner of the work) is checked below, before anything commits;
        // a multipart upload created for a call refused there is aborted.
        UploadPhase roles = UploadPhase.begin(START, "caller roles (token)");
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        String subject = caller.requireAuthenticated();
        roles.done();
        UUID workId = Ids.parse(input.workId(), "input.workId");
        String fileName = displayName(input.fileName());
        String sha256 = input.sha256() == null ? "" : input.sha256().strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sha256", Msg.of("media.upload.sha256"));
        }
        if (input.sizeBytes() <= 0) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sizeBytes", Msg.of("media.upload.sizePositive"));
        }
        UUID sessionId = UUID.randomUUID();
        // Generated, never derived from the client's file name.
        String objectKey = "originals/" + workId + "/" + sessionId;
        // The store's round trip for a multipart upload runs while the database is asked (issue 13: what the client
        // waits for), when the declaration alone says parts will be needed; the work's checks still come first in
        // what is answered, and an upload refused by them is aborted.
        CompletableFuture<String> multipart = acceptableInParts(input)
                ? CompletableFuture.supplyAsync(() -> {
                    UploadPhase create = UploadPhase.begin(START, "S3 CreateMultipartUpload (beside)");
                    try {
                        return storage.createMultipart(objectKey);
                    } finally {
                        create.done();
                    }
                }, Infrastructure.getDefaultWorkerPool())
                : null;
        UploadPhase transaction = UploadPhase.begin(START, "transaction");
        try {
            // One transaction for the caller's account, the work and the new session: one connection, one commit.
            return QuarkusTransaction.joiningExisting().call(() -> startChecked(input, subject, workId, fileName,
                    sha256, sessionId, objectKey, multipart));
        } catch (RuntimeException e) {
            if (multipart != null) {
                multipart.thenAcceptAsync(uploadId -> abortQuietly(objectKey, uploadId),
                        Infrastructure.getDefaultWorkerPool());
            }
            throw e;
        } finally {
            transaction.done();
        }
    }

    /** Whether the declaration alone may be accepted and goes in parts (the work's checks aside). */
    private boolean acceptableInParts(Start input) {
        long partSize = config.uploads().partSize();
        long parts = (input.sizeBytes() + partSize - 1) / partSize;
        return input.sizeBytes() > partSize && parts <= MAX_PARTS && MediaFormat.ofMimeType(input.declaredType())
                .map(format -> input.sizeBytes() <= limitOf(format)).orElse(false);
    }

    private long limitOf(MediaFormat format) {
        return format.isVideo() ? config.videos().maxBytes() : config.images().maxBytes();
    }

    private void abortQuietly(String objectKey, String uploadId) {
        try {
            storage.abortMultipart(objectKey, uploadId);
        } catch (RuntimeException e) {
            // Left for MediaCleanup's sweep of stale multipart uploads.
            LOG.debugf("Could not abort the multipart upload of a refused startUpload (%s): %s", objectKey,
                    e.getMessage());
        }
    }

    /** What {@link #start} needs of the caller's account and of the work, read in one statement. */
    private record Owner(UUID accountId, UUID workOwnerId, WorkStatus status, WorkKind kind) {
    }

    /**
     * The caller's account id and the work's owner, status and kind in one statement (one round trip instead of two);
     * empty when the caller has no account. {@code workOwnerId} is null when there is no such work.
     */
    private static Optional<Owner> ownerOf(String subject, UUID workId) {
        return Account.getEntityManager().createQuery("""
                select a.id, w.ownerId, w.status, w.kind from Account a left join Work w on w.id = :work
                 where a.subject = :subject""", Object[].class)
                .setParameter("work", workId).setParameter("subject", subject)
                .getResultStream().findFirst()
                .map(row -> new Owner((UUID) row[0], (UUID) row[1], (WorkStatus) row[2], (WorkKind) row[3]));
    }

    /** The checks that need the account and the work, in the order they are answered, and the new session. */
    private UploadPlan startChecked(Start input, String subject, UUID workId, String fileName, String sha256,
            UUID sessionId, String objectKey, CompletableFuture<String> multipart) {
        UploadPhase read = UploadPhase.begin(START, "tx: read account and work");
        Optional<Owner> found = ownerOf(subject, workId);
        read.done();
        Owner owner = found.orElseGet(() -> {
            // No account: ACCOUNT_REQUIRED, as every call that needs one answers (an account registered since the
            // statement above is read again).
            caller.requireAccount();
            return ownerOf(subject, workId).orElseThrow();
        });
        if (owner.workOwnerId() == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "input.workId", Msg.of("media.upload.workNotFound",
                    input.workId()));
        }
        if (!owner.workOwnerId().equals(owner.accountId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "input.workId", Msg.of("media.upload.notOwner"));
        }
        if (!owner.status().editableByOwner()) {
            throw new ApiException(ErrorCode.CONFLICT, "input.workId", Msg.of("media.upload.workNotEditable",
                    Msg.of("works.status." + owner.status().name())));
        }
        MediaFormat format = MediaFormat.ofMimeType(input.declaredType()).orElseThrow(() -> new ApiException(
                ErrorCode.VALIDATION, "input.declaredType", Msg.of("media.upload.typeNotAccepted",
                        String.valueOf(input.declaredType()))));
        if (!format.allowedFor(owner.kind())) {
            throw new ApiException(ErrorCode.VALIDATION, "input.declaredType", Msg.of("media.upload.typeNotForKind",
                    format.mimeType(), Msg.of("works.kind." + owner.kind().name())));
        }
        long limit = limitOf(format);
        if (input.sizeBytes() > limit) {
            throw new ApiException(ErrorCode.VALIDATION, "input.sizeBytes", Msg.of("media.upload.tooLarge",
                    Long.toString(input.sizeBytes()), Long.toString(limit), format.mimeType()));
        }

        UploadSession session = new UploadSession();
        session.id = sessionId;
        session.workId = workId;
        session.ownerId = owner.accountId();
        session.objectKey = objectKey;
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
            UploadPhase wait = UploadPhase.begin(START, "tx: wait for multipart");
            session.multipartUploadId = multipart != null ? created(multipart)
                    : storage.createMultipart(objectKey);
            wait.done();
        }
        UploadPhase persist = UploadPhase.begin(START, "tx: persist");
        session.persist();
        persist.done();
        UploadPhase sign = UploadPhase.begin(START, "tx: presign");
        try {
            return plan(session, List.of());
        } finally {
            sign.done();
        }
    }

    /** The multipart upload started for this session; its failure as the store reported it. */
    private static String created(CompletableFuture<String> multipart) {
        try {
            return multipart.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
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
     * Hands the upload over for verification and answers at once: the session, now VERIFYING. Checked here, because
     * the client can fix them: the caller's own session (NOT_FOUND, FORBIDDEN), still OPEN and not expired, and every
     * planned part (or the single object) stored — otherwise CONFLICT and the upload stays OPEN. The bytes are read
     * back by {@link UploadVerifier}, woken right after this commits; the verdict reaches the session (status,
     * rejection) and the owner's {@code uploadSessionChanged} subscription.
     *
     * <p>{@code parts}, when the client sends them (each part's number and the ETag its PUT was answered with, as S3's
     * CompleteMultipartUpload takes them), stand for the listing: every planned part must be among them (else the same
     * CONFLICT), and the store is not asked before the answer (issue 13 item 3: what a client waits for). The bytes
     * are checked by the verification either way; a part the client named but the store does not hold sends the upload
     * back to OPEN with {@code rejectionMessage} naming the parts ({@link UploadVerifier}).
     *
     * <p>One transaction. A multipart upload whose parts the client named is checked and changed by one statement
     * ({@link #verifyingNamed}); anything else, and any refusal, goes step by step ({@link #verifyingChecked}): the
     * session's row locked, checked, the store asked for its parts (one ListParts, or one stat) unless the client
     * named them, the session set VERIFYING, then one commit.
     *
     * @param parts the parts as the client stored them, or null to have the store list them
     */
    public UploadSession complete(String uploadId, List<CompletedPart> parts) {
        UploadPhase call = UploadPhase.begin(COMPLETE, "service");
        try {
            return completeTimed(uploadId, parts);
        } finally {
            call.done();
        }
    }

    /** {@link #complete(String, List)} with the parts listed by the store. */
    public UploadSession complete(String uploadId) {
        return complete(uploadId, null);
    }

    private UploadSession completeTimed(String uploadId, List<CompletedPart> parts) {
        UploadPhase roles = UploadPhase.begin(COMPLETE, "caller roles (token)");
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        String subject = caller.requireAuthenticated();
        roles.done();
        UUID id = Ids.parse(uploadId, "uploadId");
        UploadPhase transaction = UploadPhase.begin(COMPLETE, "transaction");
        UploadSession verifying;
        try {
            verifying = QuarkusTransaction.requiringNew().call(() -> {
                if (parts != null) {
                    UploadPhase one = UploadPhase.begin(COMPLETE, "tx: one statement (check, VERIFYING, NOTIFY)");
                    Optional<UploadSession> named = verifyingNamed(id, subject, parts, clock.instant());
                    one.done();
                    if (named.isPresent()) {
                        return named.get();
                    }
                }
                return verifyingChecked(id, parts);
            });
        } finally {
            transaction.done();
        }
        verifier.wake(verifying.id, parts == null || !verifying.multipart() ? List.of() : parts.stream()
                .map(p -> new MediaStorage.StoredPart(p.number(), 0, MediaStorage.unquote(p.etag()))).toList());
        return verifying;
    }

    /**
     * The common case of a client that names its parts, as one statement (issue 13 item 3: one round trip and the
     * commit, where the checks below take five): the session set VERIFYING if, and only if, it is the caller's
     * (joined through the token's subject, so the account needs no read of its own), OPEN, not expired, and in
     * parts all of which are named; the announcement ({@link UploadEvents}) goes out in the same statement and
     * commits with it. Empty when any condition fails: {@link #verifyingChecked} then finds which one, with the same
     * typed answer as ever. A concurrent completion of the same session waits for this row and then finds it
     * VERIFYING, so exactly one of them succeeds.
     */
    @SuppressWarnings("unchecked")
    private static Optional<UploadSession> verifyingNamed(UUID id, String subject, List<CompletedPart> parts,
            Instant now) {
        Set<Integer> named = namedParts(parts);
        int contiguous = 0;
        while (named.contains(contiguous + 1)) {
            contiguous++;
        }
        if (contiguous == 0) {
            return Optional.empty();
        }
        List<UploadSession> changed = UploadSession.getEntityManager().createNativeQuery("""
                WITH changed AS (
                    UPDATE upload_session s
                       SET status = 'VERIFYING', rejection_detail = NULL, verify_claimed_until = :due,
                           verify_attempts = 0
                      FROM account a
                     WHERE s.id = :id AND s.owner_id = a.id AND a.subject = :subject
                       AND s.status = 'OPEN' AND s.expires_at >= :now
                       AND s.multipart_upload_id IS NOT NULL AND s.part_count <= :named
                    RETURNING s.*)
                SELECT changed.* FROM changed, %s""".formatted(UploadEvents.announcedIn("changed")),
                UploadSession.class)
                .setParameter("due", UploadVerifier.leaseNow())
                .setParameter("id", id)
                .setParameter("subject", subject)
                .setParameter("now", now)
                .setParameter("named", contiguous)
                .getResultList();
        return changed.stream().findFirst();
    }

    /**
     * completeUpload step by step, in the transaction: the session's row locked and checked (each refusal typed), the
     * parts checked (named by the client, else listed by the store; a single-request upload's object stat'ed), then
     * VERIFYING and the announcement. The lock is held for that one listing — only this session's row, which nothing
     * else writes while it is OPEN but a concurrent completeUpload of the same upload, which must wait anyway.
     */
    private UploadSession verifyingChecked(UUID id, List<CompletedPart> parts) {
        UploadPhase lock = UploadPhase.begin(COMPLETE, "tx: lock session");
        UploadSession s = openSession(id, caller.requireAccount());
        lock.done();
        if (s.multipart() && parts != null) {
            requireNamed(s, parts);
        } else if (s.multipart()) {
            UploadPhase list = UploadPhase.begin(COMPLETE, "tx: S3 ListParts");
            requireAllParts(s);
            list.done();
        } else if (storage.stat(s.objectKey).isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.nothingStored"));
        }
        s.status = UploadStatus.VERIFYING;
        // What a verification that sent the upload back to OPEN said (parts missing) is answered by this call.
        s.rejectionDetailJson = null;
        // Due now: the claim of the instance woken below, or of any instance's sweep if this one dies first.
        s.verifyClaimedUntil = UploadVerifier.leaseNow();
        s.verifyAttempts = 0;
        events.changed(s);
        return s;
    }

    /** The caller's session, locked, still OPEN and not expired. */
    private UploadSession openSession(UUID id, Account me) {
        UploadSession s = UploadSession.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "uploadId", Msg.of("media.upload.notFound", id.toString()));
        }
        if (!s.ownerId.equals(me.id)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "uploadId", Msg.of("media.upload.notYours"));
        }
        if (s.status != UploadStatus.OPEN) {
            throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.notOpen",
                    Msg.of("media.uploadStatus." + s.status.name())));
        }
        if (s.expiresAt.isBefore(clock.instant())) {
            throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.expired",
                    s.expiresAt.toString()));
        }
        return s;
    }

    /** Every planned part is in the store (one cheap listing), or CONFLICT naming the missing ones. */
    private void requireAllParts(UploadSession session) {
        requireAll(session, storage.listParts(session.objectKey, session.multipartUploadId).stream()
                .map(MediaStorage.StoredPart::number).collect(Collectors.toSet()));
    }

    /** Every planned part is among those the client named with an ETag, or CONFLICT naming the missing ones. */
    private static void requireNamed(UploadSession session, List<CompletedPart> parts) {
        requireAll(session, namedParts(parts));
    }

    /** The numbers of the parts the client named with an ETag. */
    private static Set<Integer> namedParts(List<CompletedPart> parts) {
        return parts.stream().filter(p -> p.etag() != null && !p.etag().isBlank())
                .map(CompletedPart::number).collect(Collectors.toSet());
    }

    private static void requireAll(UploadSession session, Set<Integer> stored) {
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= session.partCount; n++) {
            if (!stored.contains(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "uploadId", Msg.of("media.upload.partsMissing",
                    missing.toString()));
        }
    }

    /** What a client is told of a rejection, in its language: the code, the reason, the file's detail, what to do. */
    public static Msg rejectedMessage(Rejection reason, Msg detail) {
        return Msg.of("media.upload.rejected", reason.name(), detail, Msg.of("media.rejection." + reason.name()));
    }

    private UploadSession ownSession(String uploadId) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        return sessionOf(uploadId, caller.requireAccount().id);
    }

    /**
     * The session of {@code ownerId} (NOT_FOUND, FORBIDDEN as for a query), read in a transaction of its own when
     * none is running: for a subscription, whose subscriber the caller resolved already ({@code identity/Subscribers}).
     */
    public UploadSession sessionOf(String uploadId, UUID ownerId) {
        UUID id = Ids.parse(uploadId, "uploadId");
        UploadSession session = QuarkusTransaction.joiningExisting().call(() -> UploadSession.findById(id));
        if (session == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "uploadId", Msg.of("media.upload.notFound", uploadId));
        }
        if (!session.ownerId.equals(ownerId)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "uploadId", Msg.of("media.upload.notYours"));
        }
        return session;
    }

    /** Changes of the owner's session (its current state is for the caller to read: see {@link #sessionOf}). */
    public io.smallrye.mutiny.Multi<UploadEvents.UploadChanged> changesOf(UUID uploadId, UUID ownerId) {
        return events.changesOf(uploadId, ownerId);
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
