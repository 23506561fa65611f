package cn.kepu.media.contests;

import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.MediaFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A category's rules for the media of a work, evaluated against facts probed from the stored bytes, never against
 * what the entrant declared. Null and empty values mean "no rule". Pure: no I/O, so every edge is unit-tested.
 *
 * @param aspectRatios accepted ratios such as {@code 16:9}; a file matches within {@link #ASPECT_TOLERANCE}
 */
public record MediaRules(List<String> mimeTypes, Long maxSizeBytes, Integer minWidth, Integer minHeight,
        Double maxDurationSeconds, List<String> aspectRatios) {

    /** Relative tolerance for aspect ratios: 1920×1080 and 1918×1080 are both 16:9. */
    public static final double ASPECT_TOLERANCE = 0.01;

    public MediaRules {
        mimeTypes = mimeTypes == null ? List.of() : List.copyOf(mimeTypes);
        aspectRatios = aspectRatios == null ? List.of() : List.copyOf(aspectRatios);
    }

    /**
     * Why the files break the rules, one translatable message per broken rule and file (each names the file by its
     * position, from 1); empty when they satisfy all rules.
     */
    public List<Msg> violations(List<MediaFacts> files) {
        if (files == null || files.isEmpty()) {
            return List.of(Msg.of("contests.media.noFile"));
        }
        List<Msg> problems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            check(files.get(i), i + 1, problems);
        }
        return problems;
    }

    private void check(MediaFacts file, int which, List<Msg> problems) {
        String mime = file.mimeType() == null ? "" : file.mimeType().toLowerCase(Locale.ROOT);
        if (!mimeTypes.isEmpty() && mimeTypes.stream().noneMatch(m -> m.equalsIgnoreCase(mime))) {
            problems.add(Msg.of("contests.media.format", which,
                    mime.isEmpty() ? Msg.of("contests.media.unknownFormat") : mime, String.join(", ", mimeTypes)));
        }
        if (maxSizeBytes != null && file.sizeBytes() > maxSizeBytes) {
            problems.add(Msg.of("contests.media.size", which, file.sizeBytes(), maxSizeBytes));
        }
        boolean visual = mime.startsWith("image/") || mime.startsWith("video/");
        boolean needsDimensions = visual && (minWidth != null || minHeight != null || !aspectRatios.isEmpty());
        if (needsDimensions && (file.width() == null || file.height() == null)) {
            problems.add(Msg.of("contests.media.resolutionUnknown", which));
        } else if (needsDimensions) {
            if (!meetsMinimum(file.width(), file.height())) {
                problems.add(Msg.of("contests.media.belowMinimum", which, file.width() + "×" + file.height(),
                        (minWidth == null ? "-" : minWidth.toString()) + "×"
                                + (minHeight == null ? "-" : minHeight.toString())));
            }
            if (!aspectRatios.isEmpty() && aspectRatios.stream().noneMatch(r -> matches(r, file.width(), file.height()))) {
                problems.add(Msg.of("contests.media.aspectRatio", which, file.width() + ":" + file.height(),
                        String.join(", ", aspectRatios)));
            }
        }
        if (mime.startsWith("video/") && maxDurationSeconds != null) {
            if (file.durationSeconds() == null) {
                problems.add(Msg.of("contests.media.durationUnknown", which));
            } else if (file.durationSeconds() > maxDurationSeconds) {
                problems.add(Msg.of("contests.media.tooLong", which, file.durationSeconds(), maxDurationSeconds));
            }
        }
    }

    /**
     * The minimum resolution holds in either orientation: a portrait 1080×1920 short video meets a 1280×720 minimum,
     * as vertical video is normal for short videos; aspect ratios decide which orientations a category accepts.
     */
    private boolean meetsMinimum(int width, int height) {
        int wantLong = Math.max(minWidth == null ? 0 : minWidth, minHeight == null ? 0 : minHeight);
        int wantShort = Math.min(minWidth == null ? 0 : minWidth, minHeight == null ? 0 : minHeight);
        return Math.max(width, height) >= wantLong && Math.min(width, height) >= wantShort;
    }

    /** Parses {@code W:H}; anything else is rejected when the contest is defined, so here it simply never matches. */
    static boolean matches(String ratio, int width, int height) {
        double wanted = parseRatio(ratio);
        if (Double.isNaN(wanted) || height == 0) {
            return false;
        }
        double actual = (double) width / height;
        return Math.abs(actual - wanted) / wanted <= ASPECT_TOLERANCE;
    }

    public static double parseRatio(String ratio) {
        String[] parts = ratio == null ? new String[0] : ratio.strip().split(":");
        if (parts.length != 2) {
            return Double.NaN;
        }
        try {
            double w = Double.parseDouble(parts[0]);
            double h = Double.parseDouble(parts[1]);
            return w > 0 && h > 0 ? w / h : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
