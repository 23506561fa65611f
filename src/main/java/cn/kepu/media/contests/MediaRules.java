package cn.kepu.media.contests;

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

    /** Why the files break the rules, one message per broken rule and file; empty when they satisfy all rules. */
    public List<String> violations(List<MediaFacts> files) {
        if (files == null || files.isEmpty()) {
            return List.of("the work has no verified media file yet: upload it and wait until it is probed");
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            check(files.get(i), "file " + (i + 1), problems);
        }
        return problems;
    }

    private void check(MediaFacts file, String which, List<String> problems) {
        String mime = file.mimeType() == null ? "" : file.mimeType().toLowerCase(Locale.ROOT);
        if (!mimeTypes.isEmpty() && mimeTypes.stream().noneMatch(m -> m.equalsIgnoreCase(mime))) {
            problems.add(which + ": format " + (mime.isEmpty() ? "unknown" : mime) + " is not one of " + mimeTypes);
        }
        if (maxSizeBytes != null && file.sizeBytes() > maxSizeBytes) {
            problems.add(which + ": " + file.sizeBytes() + " bytes exceeds the limit of " + maxSizeBytes);
        }
        boolean visual = mime.startsWith("image/") || mime.startsWith("video/");
        boolean needsDimensions = visual && (minWidth != null || minHeight != null || !aspectRatios.isEmpty());
        if (needsDimensions && (file.width() == null || file.height() == null)) {
            problems.add(which + ": its resolution could not be measured");
        } else if (needsDimensions) {
            if (!meetsMinimum(file.width(), file.height())) {
                problems.add(which + ": " + file.width() + "×" + file.height() + " is below the minimum "
                        + (minWidth == null ? "any" : minWidth) + "×" + (minHeight == null ? "any" : minHeight));
            }
            if (!aspectRatios.isEmpty() && aspectRatios.stream().noneMatch(r -> matches(r, file.width(), file.height()))) {
                problems.add(which + ": aspect ratio " + file.width() + ":" + file.height() + " is not one of "
                        + aspectRatios);
            }
        }
        if (mime.startsWith("video/") && maxDurationSeconds != null) {
            if (file.durationSeconds() == null) {
                problems.add(which + ": its duration could not be measured");
            } else if (file.durationSeconds() > maxDurationSeconds) {
                problems.add(which + ": " + file.durationSeconds() + " s is longer than " + maxDurationSeconds + " s");
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
