package cn.kepu.media.works;

import java.util.List;

/**
 * The implicit AI label read from one file's metadata when it was verified.
 *
 * @param kind     the strongest statement found
 * @param sources  every place a label was found
 * @param producer the generating service the national standard's label names (ContentProducer), if any
 */
public record DetectedAiLabel(AiLabelKind kind, List<AiLabelSource> sources, String producer) {
}
