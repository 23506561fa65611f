package cn.kepu.media.media;

import cn.kepu.media.storage.ObjectStorage;
import cn.kepu.media.storage.Presigning;
import cn.kepu.media.storage.UrlSigner;
import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.ListPartsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Part;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.faults.StoreGuards;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The media feature's view of the bucket: presigning for clients, multipart bookkeeping, and reads for
 * verification. Every call goes through the store policy ({@link StoreGuards}); a store that is down, hung or behind an
 * open breaker reaches clients as {@code STORAGE_UNAVAILABLE} with a retry hint (directly, or through
 * {@code StoreFailures} for a {@link StorageFailure} caused by a network failure); other failures of the store surface
 * as {@link StorageFailure}.
 */
@ApplicationScoped
public class MediaStorage {

    /** A failure talking to the object store (not the client's fault). */
    public static class StorageFailure extends RuntimeException {
        StorageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An object as stat reports it. */
    public record Stat(long size, String etag) {
    }

    /** A part the store holds for a multipart upload; ETags unquoted. */
    public record StoredPart(int number, long size, String etag) {
    }

    private final MinioClient client;
    private final MinioClient presigner;
    /** Signs where minio-java would sign path-style; null elsewhere (then {@link #presigner} signs). */
    private final UrlSigner signer;
    // Multipart initiation, part listing and completion are public only on the async client in minio-java 9.
    private final MinioAsyncClient async;
    private final String bucket;
    /** Requests (stat, small puts, multipart bookkeeping, opening a read): {@link StoreGuards#OBJECT_STORAGE}. */
    private final Guard requests;
    /** Whole-file uploads: {@link StoreGuards#OBJECT_STORAGE_TRANSFERS} (retried when not reached, no overall bound). */
    private final Guard transfers;

    public MediaStorage(MinioClient client, @Presigning MinioClient presigner, MinioAsyncClient async,
            ObjectStorage storage, @Identifier(StoreGuards.OBJECT_STORAGE) Guard requests,
            @Identifier(StoreGuards.OBJECT_STORAGE_TRANSFERS) Guard transfers) {
        this.requests = requests;
        this.transfers = transfers;
        this.client = client;
        this.presigner = presigner;
        this.signer = storage.urlSigner().orElse(null);
        // Produced by ObjectStorage with the store's client-side time-outs, like the synchronous client.
        this.async = async;
        this.bucket = storage.bucket();
    }

    public String presignPut(String key, Duration ttl) {
        return presign(Http.Method.PUT, key, ttl, Map.of());
    }

    public String presignPart(String key, String uploadId, int partNumber, Duration ttl) {
        return presign(Http.Method.PUT, key, ttl,
                Map.of("uploadId", uploadId, "partNumber", Integer.toString(partNumber)));
    }

    /** A GET whose response carries the given content type and disposition, whatever the object's metadata says. */
    public String presignGet(String key, Duration ttl, String contentType, String contentDisposition) {
        return presign(Http.Method.GET, key, ttl, Map.of("response-content-type", contentType,
                "response-content-disposition", contentDisposition));
    }

    private String presign(Http.Method method, String key, Duration ttl, Map<String, String> params) {
        if (signer != null) {
            return signer.presign(method.name(), key, ttl, params);
        }
        try {
            return presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(method).bucket(bucket).object(key)
                    .expiry(Math.toIntExact(ttl.toSeconds()), TimeUnit.SECONDS)
                    .extraQueryParams(params)
                    .build());
        } catch (MinioException e) {
            throw new StorageFailure("presigning " + key, e);
        }
    }

    public String createMultipart(String key) {
        return await(() -> async.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(bucket).object(key)
                .build()), "starting multipart " + key).result().uploadId();
    }

    public List<StoredPart> listParts(String key, String uploadId) {
        List<StoredPart> parts = new ArrayList<>();
        Integer marker = null;
        while (true) {
            final Integer from = marker;
            var result = await(() -> async.listParts(ListPartsArgs.builder().bucket(bucket).object(key)
                    .uploadId(uploadId).maxParts(1000).partNumberMarker(from).build()), "listing parts " + key)
                    .result();
            for (Part part : result.parts()) {
                parts.add(new StoredPart(part.partNumber(), part.partSize(), unquote(part.etag())));
            }
            if (!result.isTruncated() || result.nextPartNumberMarker() == null) {
                return parts;
            }
            marker = result.nextPartNumberMarker();
        }
    }

    public void completeMultipart(String key, String uploadId, List<StoredPart> parts) {
        Part[] list = parts.stream().map(p -> new Part(p.number(), p.etag())).toArray(Part[]::new);
        await(() -> async.completeMultipartUpload(CompleteMultipartUploadArgs.builder().bucket(bucket).object(key)
                .uploadId(uploadId).parts(list).build()), "completing multipart " + key);
    }

    public void abortMultipart(String key, String uploadId) {
        try {
            await(() -> async.abortMultipartUpload(AbortMultipartUploadArgs.builder().bucket(bucket).object(key)
                    .uploadId(uploadId).build()), "aborting multipart " + key);
        } catch (StorageFailure e) {
            if (!isNoSuchUpload(e.getCause())) {
                throw e;
            }
        }
    }

    /** Unfinished multipart uploads under a prefix, as (key, uploadId). */
    public List<Map.Entry<String, String>> listIncompleteMultiparts(String prefix) {
        List<Map.Entry<String, String>> uploads = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        while (true) {
            final String fromKey = keyMarker;
            final String fromId = idMarker;
            ListMultipartUploadsResult result = await(() -> async.listMultipartUploads(ListMultipartUploadsArgs.builder()
                    .bucket(bucket).prefix(prefix).keyMarker(fromKey).uploadIdMarker(fromId).build()),
                    "listing multipart uploads").result();
            if (result.uploads() != null) {
                result.uploads().forEach(u -> uploads.add(Map.entry(u.objectName(), u.uploadId())));
            }
            if (!result.isTruncated()) {
                return uploads;
            }
            keyMarker = result.nextKeyMarker();
            idMarker = result.nextUploadIdMarker();
        }
    }

    public Optional<Stat> stat(String key) {
        return guarded(requests, "stat " + key, () -> statOnce(key));
    }

    private Optional<Stat> statOnce(String key) {
        try {
            var stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new Stat(stat.size(), unquote(stat.etag())));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NotFound".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageFailure("stat " + key, e);
        } catch (MinioException e) {
            throw new StorageFailure("stat " + key, e);
        }
    }

    /** Streams the object; the caller closes the stream. */
    public InputStream open(String key) {
        return guarded(requests, "reading " + key,
                () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** Streams part of the object; the caller closes the stream. */
    public InputStream openRange(String key, long offset, long length) {
        return guarded(requests, "reading " + key + " at " + offset, () -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket).object(key).offset(offset).length(length).build()));
    }

    public byte[] readRange(String key, long offset, long length) {
        return guarded(requests, "reading " + key + " at " + offset, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length(length).build())) {
                return in.readNBytes(Math.toIntExact(length));
            }
        });
    }

    public void put(String key, byte[] bytes, String contentType) {
        guarded(requests, "writing " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .data(bytes, bytes.length).contentType(contentType).build()));
    }

    /**
     * Uploads a local file of known size from a stream: multipart above one part, one part in memory at a time (the
     * smallest part S3 allows, larger only where 10 000 parts would not hold the file), so the heap it takes does not
     * grow with the file.
     */
    public void put(String key, java.nio.file.Path file, String contentType) {
        guarded(transfers, "writing " + key, () -> {
            long size = java.nio.file.Files.size(file);
            try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                return client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(in, size, partSize(size)).parallelUploads(1).contentType(contentType).build());
            }
        });
    }

    /** Parts of 5 MiB, S3's minimum, or the smallest whole MiB that keeps a file within 10 000 parts. */
    static long partSize(long size) {
        long mib = 1024L * 1024;
        return Math.max(5 * mib, (size / 10_000 / mib + 1) * mib);
    }

    /** Streams the object into a local file (replacing it), for a tool that reads files. */
    public void download(String key, java.nio.file.Path file) {
        try (InputStream in = open(key)) {
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new StorageFailure("reading " + key, e);
        }
    }

    /** Removes the object; removing a missing object is not an error (S3 semantics). */
    public void remove(String key) {
        guarded(requests, "removing " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return Boolean.TRUE;
        });
    }

    public List<String> listKeys(String prefix) {
        return guarded(requests, "listing " + prefix, () -> listKeysOnce(prefix));
    }

    private List<String> listKeysOnce(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (MinioException e) {
            throw new StorageFailure("listing " + prefix, e);
        }
        return keys;
    }

    /**
     * One call to the store under the store policy ({@link StoreGuards}); when the guard gives up (timed out, breaker
     * open) the caller gets {@code STORAGE_UNAVAILABLE}; the store's own failures come back as {@link StorageFailure}.
     */
    private <T> T guarded(Guard guard, String what, Callable<T> call) {
        try {
            return StoreGuards.call(guard, ErrorCode.STORAGE_UNAVAILABLE, null, call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageFailure(what, e);
        }
    }

    private <T> T await(java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> start, String what) {
        return guarded(requests, what, () -> awaitOnce(start.get(), what));
    }

    private static <T> T awaitOnce(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure(what + " interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            throw new StorageFailure(what, e.getCause());
        }
    }

    /**
     * Whether the store refused to complete a multipart upload because of the parts it was given: one it does not
     * hold, another ETag, or out of order.
     */
    public static boolean isInvalidPart(StorageFailure failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorResponseException e) {
                return "InvalidPart".equals(e.errorResponse().code())
                        || "InvalidPartOrder".equals(e.errorResponse().code());
            }
        }
        return false;
    }

    private static boolean isNoSuchUpload(Throwable cause) {
        return cause instanceof ErrorResponseException e && "NoSuchUpload".equals(e.errorResponse().code());
    }

    static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
