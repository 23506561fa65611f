package cn.kepu.media.media;

import org.eclipse.microprofile.graphql.Description;

@Description("PENDING until generated (retried on failure); SKIPPED when this deployment cannot render the format.")
public enum RenditionStatus {
    PENDING, READY, FAILED, SKIPPED
}
