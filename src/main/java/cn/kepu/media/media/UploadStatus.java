package cn.kepu.media.media;

import org.eclipse.microprofile.graphql.Description;

/**
 * Lifecycle of an upload session; only COMPLETED sessions have an asset. OPEN → (completeUpload) VERIFYING → one of
 * COMPLETED (accepted), REJECTED (the file's fault: fix it) or FAILED (verification could not finish: upload again).
 */
@Description("""
        OPEN: parts are being uploaded. VERIFYING: completeUpload was accepted and the bytes are being checked. \
        COMPLETED: the file was accepted (see asset). REJECTED: the file is not what it claims or breaks a limit (see \
        rejection, rejectionMessage); it was deleted. FAILED: the service could not verify it (storage unavailable \
        through every attempt; see rejectionMessage): upload the file again. EXPIRED: abandoned before completion.""")
public enum UploadStatus {
    OPEN, VERIFYING, COMPLETED, REJECTED, EXPIRED, FAILED;

    /** Whether the session has its verdict (or ended without one): nothing about it changes any more. */
    public boolean settled() {
        return this != OPEN && this != VERIFYING;
    }
}
