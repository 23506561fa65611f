package cn.kepu.media.works;

import org.eclipse.microprofile.graphql.Description;

@Description("Where in a file's metadata an AI label was found.")
public enum AiLabelSource {
    /** XMP Iptc4xmpExt:DigitalSourceType (IPTC digital source type vocabulary). */
    XMP_DIGITAL_SOURCE_TYPE,
    /** The implicit label of GB 45438-2025 (the AIGC field, in XMP, EXIF, PNG text or container tags). */
    AIGC_METADATA,
    /** A C2PA manifest store (JPEG APP11 JUMBF, PNG caBX chunk, ISO-BMFF uuid box). */
    C2PA_MANIFEST
}
