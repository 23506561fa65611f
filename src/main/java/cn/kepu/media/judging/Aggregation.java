package cn.kepu.media.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/**
 * Combines judges' scores into a ranking. Pure and deterministic: the same scores always give the same ranking, so
 * results are computed on demand instead of stored.
 *
 * <p>Each judge's score of an entry is first reduced to a total on 0..100: the weighted mean of the criteria, each
 * criterion scaled by its maximum. Then, per method:
 * <ul>
 * <li>{@code WEIGHTED_MEAN}: mean of the judges' totals;</li>
 * <li>{@code MEDIAN}: median of the totals (robust to one outlying judge);</li>
 * <li>{@code Z_SCORE}: each judge's totals are standardised over the entries that judge scored in the round
 * (z = (total - judge mean) / judge standard deviation; 0 when the judge gave everything the same), then averaged,
 * which removes harsh and lenient judges' offsets.</li>
 * </ul>
 * <p>Tie-break, documented for entrants and organizers alike: equal scores (within 1e-9) are ordered by (1) the
 * higher median total, (2) the higher mean total, (3) more judges having scored, (4) the earlier submission, and
 * (5) the entry code, so that no two entries ever share a rank.
 */
public final class Aggregation {

    @Name("AggregationMethod")
    @Description("How judges' scores are combined into an entry's result.")
    public enum Method {
        WEIGHTED_MEAN, MEDIAN, Z_SCORE
    }

    public record Criterion(String code, double weight, int scaleMax) {
    }

    /** The latest revision of one judge's score of one entry: criterion code to value. */
    public record JudgeScore(UUID entryId, UUID judgeId, Map<String, Double> values) {
    }

    public record EntryInfo(UUID id, String code, java.time.Instant submittedAt) {
    }

    /**
     * @param spread highest minus lowest judge total, on 0..100
     * @param disagreement spread above the contest's threshold: a human should look before shortlisting
     */
    public record Result(UUID entryId, int rank, double score, double mean, double median, double spread,
            int judgeCount, boolean disagreement) {
    }

    private static final double EPSILON = 1e-9;

    private Aggregation() {
    }

    /** Total of one score on 0..100. */
    public static double total(Map<String, Double> values, List<Criterion> criteria) {
        double weighted = 0;
        double weights = 0;
        for (Criterion c : criteria) {
            Double v = values.get(c.code());
            if (v != null) {
                weighted += c.weight() * v / c.scaleMax();
            }
            weights += c.weight();
        }
        return weights == 0 ? 0 : 100 * weighted / weights;
    }

    public static List<Result> rank(List<EntryInfo> entries, List<JudgeScore> scores, List<Criterion> criteria,
            Method method, double disagreementThreshold) {
        Map<UUID, List<double[]>> totalsByEntry = new HashMap<>(); // [judge index, total]
        Map<UUID, List<Double>> totalsByJudge = new HashMap<>();
        Map<UUID, Integer> judgeIndex = new HashMap<>();
        List<UUID> judges = new ArrayList<>();
        // Sum in a fixed order so that floating-point results do not depend on the order scores were read in.
        List<JudgeScore> ordered = new ArrayList<>(scores);
        ordered.sort(Comparator.comparing(JudgeScore::judgeId).thenComparing(JudgeScore::entryId));
        for (JudgeScore s : ordered) {
            double total = total(s.values(), criteria);
            int j = judgeIndex.computeIfAbsent(s.judgeId(), k -> {
                judges.add(k);
                return judges.size() - 1;
            });
            totalsByEntry.computeIfAbsent(s.entryId(), k -> new ArrayList<>()).add(new double[] {j, total});
            totalsByJudge.computeIfAbsent(s.judgeId(), k -> new ArrayList<>()).add(total);
        }
        double[] judgeMean = new double[judges.size()];
        double[] judgeSd = new double[judges.size()];
        for (int j = 0; j < judges.size(); j++) {
            List<Double> t = totalsByJudge.get(judges.get(j));
            judgeMean[j] = t.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double m = judgeMean[j];
            judgeSd[j] = Math.sqrt(t.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / t.size());
        }

        record Row(EntryInfo entry, double score, double mean, double median, double spread, int count) {
        }
        List<Row> rows = new ArrayList<>();
        for (EntryInfo entry : entries) {
            List<double[]> totals = totalsByEntry.getOrDefault(entry.id(), List.of());
            double[] values = totals.stream().mapToDouble(t -> t[1]).sorted().toArray();
            double mean = Arrays.stream(values).average().orElse(0);
            double median = median(values);
            double spread = values.length == 0 ? 0 : values[values.length - 1] - values[0];
            double score = switch (method) {
                case WEIGHTED_MEAN -> mean;
                case MEDIAN -> median;
                case Z_SCORE -> totals.stream().mapToDouble(t -> {
                    int j = (int) t[0];
                    return judgeSd[j] < EPSILON ? 0 : (t[1] - judgeMean[j]) / judgeSd[j];
                }).average().orElse(0);
            };
            rows.add(new Row(entry, score, mean, median, spread, values.length));
        }
        Comparator<Double> desc = (a, b) -> Math.abs(a - b) < EPSILON ? 0 : Double.compare(b, a);
        rows.sort(Comparator.<Row, Double>comparing(Row::score, desc)
                .thenComparing(Row::median, desc)
                .thenComparing(Row::mean, desc)
                .thenComparing(Comparator.comparingInt(Row::count).reversed())
                .thenComparing(r -> r.entry().submittedAt())
                .thenComparing(r -> r.entry().code()));
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            results.add(new Result(r.entry().id(), i + 1, r.score(), r.mean(), r.median(), r.spread(), r.count(),
                    r.spread() > disagreementThreshold));
        }
        return results;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
