package cn.kepu.media.ops;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a bucket out to a folder and back into a (fresh) store through the S3 API, as {@code mc mirror} would, with a
 * SHA-256 manifest so the restore can be checked byte for byte:
 *
 * <pre>
 * ObjectBackup export ENDPOINT ACCESS SECRET BUCKET DIR   # every object to DIR/objects/KEY, DIR/manifest.tsv
 * ObjectBackup import ENDPOINT ACCESS SECRET BUCKET DIR   # every object of the manifest into BUCKET (made if missing)
 * ObjectBackup verify ENDPOINT ACCESS SECRET BUCKET TSV   # reads each "sha256 TAB key" object back, counts mismatches
 * </pre>
 *
 * Only current versions are copied: the local stack's S3 server (s3proxy, filesystem provider) keeps no versions. A
 * production store keeps them with MinIO versioning plus bucket replication (see deploy/backup/README.md).
 */
public final class ObjectBackup {

    private ObjectBackup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6 || !List.of("export", "import", "verify").contains(args[0])) {
            System.err.println("usage: ObjectBackup export|import|verify ENDPOINT ACCESS SECRET BUCKET DIR");
            System.exit(2);
        }
        MinioClient s3 = MinioClient.builder().endpoint(args[1]).credentials(args[2], args[3]).build();
        String bucket = args[4];
        Path dir = Path.of(args[5]);
        long begin = System.nanoTime();
        if (args[0].equals("verify")) {
            verify(s3, bucket, dir);
            return;
        }
        long[] totals = args[0].equals("export") ? export(s3, bucket, dir) : restore(s3, bucket, dir);
        System.out.printf("%s: %d objects, %.1f MB in %.1f s%n", args[0], totals[0], totals[1] / 1e6,
                (System.nanoTime() - begin) / 1e9);
    }

    private static long[] export(MinioClient s3, String bucket, Path dir) throws Exception {
        Path objects = dir.resolve("objects");
        Files.createDirectories(objects);
        List<String> manifest = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        for (var result : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            Item item = result.get();
            Path target = objects.resolve(item.objectName());
            Files.createDirectories(target.getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(item.objectName()).build());
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                bytes += in.transferTo(out);
            }
            manifest.add(HexFormat.of().formatHex(sha.digest()) + "\t" + item.objectName());
            count++;
        }
        Files.write(dir.resolve("manifest.tsv"), manifest);
        return new long[] {count, bytes};
    }

    /** Every listed object read back and hashed; a missing object counts as mismatched. */
    private static void verify(MinioClient s3, String bucket, Path tsv) throws Exception {
        long checked = 0;
        long mismatched = 0;
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank()) {
                continue;
            }
            String expected = line.substring(0, line.indexOf('\t'));
            String key = line.substring(line.indexOf('\t') + 1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
                if (!HexFormat.of().formatHex(sha.digest()).equals(expected)) {
                    mismatched++;
                    System.err.println("checksum differs: " + key);
                }
            } catch (Exception e) {
                mismatched++;
                System.err.println("cannot read " + key + ": " + e.getMessage());
            }
            checked++;
        }
        System.out.printf("%d files checked, %d mismatched%n", checked, mismatched);
    }

    private static long[] restore(MinioClient s3, String bucket, Path dir) throws Exception {
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        long count = 0;
        long bytes = 0;
        try (Stream<String> lines = Files.lines(dir.resolve("manifest.tsv"))) {
            for (String line : (Iterable<String>) lines::iterator) {
                String key = line.substring(line.indexOf('\t') + 1);
                Path file = dir.resolve("objects").resolve(key);
                s3.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
                bytes += Files.size(file);
                count++;
            }
        }
        return new long[] {count, bytes};
    }
}
