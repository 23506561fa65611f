package cn.kepu.media.media;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkService;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * Bulk downloads for media outlets: many published works as one ZIP of their {@link DistributionCopies distribution
 * copies} (personal metadata removed, rights written in), with a manifest of credit lines and licences
 * ({@code manifest.json} and {@code manifest.csv}).
 *
 * <p>{@link #request} applies the rules of single downloads to the whole selection: MEDIA only, published works the
 * caller can see, every licence involved accepted; each file is written to the download log then, as a single
 * download's is when its URL is handed out. The total size and the number of works are capped (DOWNLOAD_TOO_LARGE).
 * It answers with a short-lived URL whose random token is the permission (only its SHA-256 is stored), so a browser
 * can follow it without the bearer token.
 *
 * <p>{@link #write} streams the ZIP: one file at a time from object storage through a fixed buffer into the response,
 * never the whole set in memory or on disk. Entries are stored without compression (media files are compressed
 * already); ZIP64 takes over past 4 GiB. A work taken down or no longer public since the request is left out and the
 * manifest says so; so is a file the store cannot deliver.
 */
@ApplicationScoped
public class BulkDownloads {

    private static final Logger LOG = Logger.getLogger(BulkDownloads.class);
    static final String PATH = "/media/bulk/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 64 * 1024;

    /** What {@link #request} hands out. */
    public record Plan(UUID id, String url, Instant expiresAt, String fileName, int workCount, int fileCount,
            long totalBytes) {
    }

    /** One file of a prepared download, with the work it belongs to. */
    record Item(Work work, MediaAsset asset) {
    }

    /** A download ready to stream: its files in order, and the outlet account that requested it. */
    public record Prepared(UUID id, UUID accountId, String fileName, List<Work> works, List<Item> items) {
    }

    private final Caller caller;
    private final WorkService works;
    private final MediaStorage storage;
    private final DistributionCopies distribution;
    private final MediaConfig config;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final String base;

    public BulkDownloads(Caller caller, WorkService works, MediaStorage storage, DistributionCopies distribution,
            MediaConfig config, EntityManager em, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.works = works;
        this.storage = storage;
        this.distribution = distribution;
        this.config = config;
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.base = config.urls().base().map(b -> b.replaceAll("/+$", "")).orElse("");
    }

    /**
     * Checks the selection, logs the downloads and returns the URL of the ZIP.
     *
     * @param workIds the works, in the order the ZIP lists them (repeats ignored)
     * @param acceptedLicences the licences the outlet accepts: must cover the licence of every selected work
     */
    @Transactional
    public Plan request(List<String> workIds, Set<Licence> acceptedLicences) {
        caller.requireAuthenticated();
        if (!caller.has(Role.MEDIA)) {
            throw new ApiException(ErrorCode.FORBIDDEN, null, Msg.of("media.bulk.forbidden"));
        }
        Account me = caller.requireAccount();
        if (workIds == null || workIds.isEmpty()) {
            throw ApiException.validation("input.workIds", Msg.of("media.bulk.empty"));
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(workIds));
        if (distinct.size() > config.bulk().maxWorks()) {
            throw new ApiException(ErrorCode.DOWNLOAD_TOO_LARGE, "input.workIds",
                    Msg.of("media.bulk.tooManyWorks", distinct.size(), config.bulk().maxWorks()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Work> selected = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            String field = "input.workIds[" + workIds.indexOf(distinct.get(i)) + "]";
            Ids.parse(distinct.get(i), field);
            Work work;
            try {
                // NOT_FOUND when the caller may not see it: outlets see published works only.
                work = works.get(distinct.get(i));
            } catch (ApiException e) {
                throw new ApiException(ErrorCode.NOT_FOUND, field, Msg.of("media.bulk.workNotFound", distinct.get(i)));
            }
            if (!work.isPublicAt(now)) {
                throw new ApiException(ErrorCode.NOT_FOUND, field, Msg.of("media.bulk.workNotFound", distinct.get(i)));
            }
            selected.add(work);
        }
        List<UUID> ids = selected.stream().map(w -> w.id).toList();
        Map<UUID, List<MediaAsset>> assets = new HashMap<>();
        MediaAsset.<MediaAsset>list("workId in ?1 order by createdAt, id", ids)
                .forEach(a -> assets.computeIfAbsent(a.workId, k -> new ArrayList<>()).add(a));
        for (Work work : selected) {
            if (!assets.containsKey(work.id)) {
                throw ApiException.validation("input.workIds[" + workIds.indexOf(work.id.toString()) + "]",
                        Msg.of("media.bulk.noFiles", work.title));
            }
        }
        Set<Licence> needed = selected.stream().map(w -> w.licence)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Licence.class)));
        needed.removeAll(acceptedLicences == null ? Set.of() : acceptedLicences);
        if (!needed.isEmpty()) {
            throw ApiException.validation("input.acceptLicences", Msg.of("media.bulk.licences",
                    needed.stream().map(l -> l.name() + " (" + l.title() + ")").collect(Collectors.joining(", "))));
        }
        List<MediaAsset> files = selected.stream().flatMap(w -> assets.get(w.id).stream()).toList();
        long total = estimatedBytes(files);
        if (total > config.bulk().maxBytes()) {
            throw new ApiException(ErrorCode.DOWNLOAD_TOO_LARGE, "input.workIds",
                    Msg.of("media.bulk.tooLarge", megabytes(total), megabytes(config.bulk().maxBytes())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(config.bulk().urlTtl()).truncatedTo(ChronoUnit.SECONDS);
        em.createNativeQuery("""
                        insert into bulk_download (id, token_sha256, account_id, work_ids, asset_ids, total_bytes,
                                                   created_at, expires_at)
                        values (?1, ?2, ?3, cast(?4 as uuid[]), cast(?5 as uuid[]), ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, sha256(token)).setParameter(3, me.id)
                .setParameter(4, ids.toArray(UUID[]::new))
                .setParameter(5, files.stream().map(a -> a.id).toArray(UUID[]::new))
                .setParameter(6, total).setParameter(7, now).setParameter(8, expiresAt).executeUpdate();
        // The download log, as for single downloads: one row per file, in one statement.
        Map<UUID, Licence> licenceOf = new HashMap<>();
        selected.forEach(w -> licenceOf.put(w.id, w.licence));
        em.createNativeQuery("""
                        insert into download_record (id, asset_id, work_id, account_id, licence, downloaded_at,
                                                     bulk_download_id)
                        select gen_random_uuid(), f.asset_id, f.work_id, ?1, f.licence, ?2, ?3
                          from unnest(cast(?4 as uuid[]), cast(?5 as uuid[]), cast(?6 as text[]))
                               as f(asset_id, work_id, licence)""")
                .setParameter(1, me.id).setParameter(2, now).setParameter(3, id)
                .setParameter(4, files.stream().map(a -> a.id).toArray(UUID[]::new))
                .setParameter(5, files.stream().map(a -> a.workId).toArray(UUID[]::new))
                .setParameter(6, files.stream().map(a -> licenceOf.get(a.workId).name()).toArray(String[]::new))
                .executeUpdate();
        return new Plan(id, base + PATH + token, expiresAt, fileName(now, selected.size()), selected.size(),
                files.size(), total);
    }

    /**
     * The download behind a URL token, if the token is genuine and not expired. The works are read as they are now, so
     * {@link #write} can leave out what is no longer public; {@link #write} counts the fetch.
     */
    public Optional<Prepared> open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String hash = sha256(token);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select id, array_to_string(work_ids, ','), array_to_string(asset_ids, ','),
                                   cast(extract(epoch from created_at) as bigint), account_id
                              from bulk_download where token_sha256 = ?1 and expires_at > ?2""")
                    .setParameter(1, hash).setParameter(2, clock.instant()).getResultList();
            if (rows.isEmpty()) {
                return Optional.<Prepared>empty();
            }
            Object[] row = rows.getFirst();
            UUID id = (UUID) row[0];
            List<UUID> workIds = uuids((String) row[1]);
            List<UUID> assetIds = uuids((String) row[2]);
            Map<UUID, Work> byId = new LinkedHashMap<>();
            Work.<Work>list("id in ?1", workIds).forEach(w -> byId.put(w.id, w));
            Map<UUID, MediaAsset> assets = new HashMap<>();
            MediaAsset.<MediaAsset>list("id in ?1", assetIds).forEach(a -> assets.put(a.id, a));
            List<Work> ordered = workIds.stream().map(byId::get).filter(w -> w != null).toList();
            List<Item> items = assetIds.stream().map(assets::get).filter(a -> a != null && byId.containsKey(a.workId))
                    .map(a -> new Item(byId.get(a.workId), a)).toList();
            Instant created = Instant.ofEpochSecond(((Number) row[3]).longValue());
            return Optional.of(new Prepared(id, (UUID) row[4], fileName(created, workIds.size()), ordered, items));
        });
    }

    /** Streams the ZIP of a prepared download into {@code out} (the HTTP response). */
    public void write(Prepared download, OutputStream out) throws IOException {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update bulk_download set streams = streams + 1 where id = ?1").setParameter(1, download.id())
                .executeUpdate());
        Instant now = clock.instant();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.NO_COMPRESSION);
        Map<UUID, String> folders = folders(download.works());
        Map<UUID, List<ObjectNode>> filesOf = new HashMap<>();
        Map<UUID, String> skipped = new LinkedHashMap<>();
        byte[] buffer = new byte[BUFFER];
        for (Item item : download.items()) {
            Work work = item.work();
            if (skipped.containsKey(work.id)) {
                continue;
            }
            if (!work.isPublicAt(now)) {
                skipped.put(work.id, "NOT_PUBLIC");
                continue;
            }
            DistributionCopies.Copy copy;
            InputStream in;
            try {
                copy = distribution.copyOf(item.asset(), work);
                in = storage.open(copy.objectKey());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Bulk download %s: file %s of work %s is not available; left out", download.id(),
                        item.asset().id, work.id);
                skipped.putIfAbsent(work.id, "FILE_UNAVAILABLE");
                continue;
            }
            String path = folders.get(work.id) + "/kepu-" + item.asset().id + "." + copy.extension();
            ZipEntry entry = new ZipEntry(path);
            entry.setTime((work.publishedAt == null ? now : work.publishedAt).toEpochMilli());
            MessageDigest digest = sha256();
            long size = 0;
            zip.putNextEntry(entry);
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    zip.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    size += n;
                }
            }
            zip.closeEntry();
            filesOf.computeIfAbsent(work.id, k -> new ArrayList<>()).add(json.createObjectNode()
                    .put("path", path).put("contentType", copy.contentType()).put("sizeBytes", size)
                    .put("sha256", HexFormat.of().formatHex(digest.digest())));
        }
        ObjectNode manifest = manifest(download, now, filesOf, skipped);
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("manifest.csv"));
        zip.write(csv(manifest).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private ObjectNode manifest(Prepared download, Instant now, Map<UUID, List<ObjectNode>> filesOf,
            Map<UUID, String> skipped) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("bulkDownloadId", download.id().toString());
        manifest.put("generatedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        manifest.put("source", "kepu-media 科普作品库");
        manifest.put("notice", "Credit each work as its creditLine says and use it only as its licence allows. "
                + "请按 creditLine 署名，并在许可协议允许的范围内使用。");
        ArrayNode list = manifest.putArray("works");
        for (Work work : download.works()) {
            if (!filesOf.containsKey(work.id)) {
                continue;
            }
            ObjectNode w = list.addObject();
            w.put("workId", work.id.toString());
            w.put("title", work.title);
            if (work.titleEn != null) {
                w.put("titleEn", work.titleEn);
            }
            w.put("creditLine", work.creditLine);
            ObjectNode licence = w.putObject("licence");
            licence.put("code", work.licence.name()).put("title", work.licence.title());
            if (work.licence.url() != null) {
                licence.put("url", work.licence.url());
            }
            if (work.publishedAt != null) {
                w.put("publishedAt", work.publishedAt.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            ArrayNode files = w.putArray("files");
            filesOf.get(work.id).forEach(files::add);
        }
        ArrayNode left = manifest.putArray("skipped");
        for (Work work : download.works()) {
            String reason = skipped.get(work.id);
            if (reason != null || !filesOf.containsKey(work.id)) {
                left.addObject().put("workId", work.id.toString()).put("reason", reason == null ? "NO_FILES" : reason);
            }
        }
        return manifest;
    }

    /** One row per file, RFC 4180, with a byte-order mark so spreadsheet programs read the Chinese right. */
    private static String csv(ObjectNode manifest) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("work_id,title,title_en,credit_line,licence,licence_title,licence_url,file,content_type,"
                + "size_bytes,sha256\r\n");
        manifest.path("works").forEach(w -> w.path("files").forEach(f -> {
            List<String> cells = List.of(w.path("workId").asText(), w.path("title").asText(),
                    w.path("titleEn").asText(""), w.path("creditLine").asText(),
                    w.path("licence").path("code").asText(), w.path("licence").path("title").asText(),
                    w.path("licence").path("url").asText(""), f.path("path").asText(),
                    f.path("contentType").asText(), f.path("sizeBytes").asText(), f.path("sha256").asText());
            csv.append(cells.stream().map(BulkDownloads::cell).collect(Collectors.joining(","))).append("\r\n");
        }));
        return csv.toString();
    }

    private static String cell(String value) {
        // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.matches(".*[\",\r\n].*") || !text.equals(value)
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Folder per work: its position and title, made safe for every file system ({@code 01-量子计算入门}). */
    private static Map<UUID, String> folders(List<Work> works) {
        int width = String.valueOf(works.size()).length();
        Map<UUID, String> folders = new HashMap<>();
        for (int i = 0; i < works.size(); i++) {
            String title = works.get(i).title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ").replaceAll("\\s+", " ")
                    .strip();
            if (title.codePointCount(0, title.length()) > 40) {
                title = title.substring(0, title.offsetByCodePoints(0, 40)).strip();
            }
            title = title.replaceAll("^\\.+", "");
            folders.put(works.get(i).id, String.format("%0" + width + "d", i + 1) + (title.isEmpty() ? "" : "-" + title));
        }
        return folders;
    }

    private static List<UUID> uuids(String joined) {
        return joined.isEmpty() ? List.of()
                : java.util.Arrays.stream(joined.split(",")).map(UUID::fromString).toList();
    }

    /** The size of the copies already made, else of the originals (a copy is the original's size within metadata). */
    private long estimatedBytes(List<MediaAsset> files) {
        Map<UUID, Long> copies = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select asset_id, size_bytes from distribution_copy where asset_id = any(?1)")
                .setParameter(1, files.stream().map(a -> a.id).toArray(UUID[]::new)).getResultList();
        rows.forEach(r -> copies.put((UUID) r[0], ((Number) r[1]).longValue()));
        return files.stream().mapToLong(a -> copies.getOrDefault(a.id, a.sizeBytes)).sum();
    }

    private static String fileName(Instant at, int works) {
        return "kepu-media-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(at) + "-"
                + works + "-works.zip";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_048_576.0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    static String sha256(String token) {
        return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
