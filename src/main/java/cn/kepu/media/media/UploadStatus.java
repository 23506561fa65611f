package cn.kepu.media.media;

/** Lifecycle of an upload session; only COMPLETED sessions have an asset. */
public enum UploadStatus {
    OPEN, VERIFYING, COMPLETED, REJECTED, EXPIRED
}
