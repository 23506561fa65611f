/**
 * Object storage: the S3 API (MinIO in production, s3proxy in dev and tests), reached only through
 * minio-java. Owns the client, the bucket and its readiness check; the media feature builds on it.
 */
package cn.kepu.media.storage;
