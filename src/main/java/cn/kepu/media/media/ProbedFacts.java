package cn.kepu.media.media;

import cn.kepu.media.works.DetectedAiLabel;
import java.time.Instant;

/** What probing read from a file's bytes. GPS is kept apart by the caller: it is private. */
public record ProbedFacts(Integer width, Integer height, Integer orientation, String colorSpace, Instant capturedAt,
        String camera, Double gpsLatitude, Double gpsLongitude, Double durationSeconds, Double frameRate,
        String videoCodec, String audioCodec, Long bitrateBps, Integer rotation, DetectedAiLabel aiLabel) {

    static ProbedFacts image(Integer width, Integer height, Integer orientation, String colorSpace,
            Instant capturedAt, String camera, Double gpsLatitude, Double gpsLongitude) {
        return new ProbedFacts(width, height, orientation, colorSpace, capturedAt, camera, gpsLatitude, gpsLongitude,
                null, null, null, null, null, null, null);
    }

    static ProbedFacts video(Integer width, Integer height, Double durationSeconds, Double frameRate,
            String videoCodec, String audioCodec, Long bitrateBps, Integer rotation) {
        return new ProbedFacts(width, height, null, null, null, null, null, null, durationSeconds, frameRate,
                videoCodec, audioCodec, bitrateBps, rotation, null);
    }

    /** The same facts with the AI label read from the file's metadata (null: none). */
    ProbedFacts withAiLabel(DetectedAiLabel label) {
        return new ProbedFacts(width, height, orientation, colorSpace, capturedAt, camera, gpsLatitude, gpsLongitude,
                durationSeconds, frameRate, videoCodec, audioCodec, bitrateBps, rotation, label);
    }
}
