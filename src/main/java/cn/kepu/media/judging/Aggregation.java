package cn.kepu.media.judging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
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
 * <p>Decimal arithmetic throughout ({@link BigDecimal}, 34 significant digits while computing): a total of 77 is
 * 77.00, never 77.00000000000001. Totals and every result ({@code score}, {@code mean}, {@code median},
 * {@code spread}) are handed out at the fixed scale {@link #SCALE}, rounded half up; ranking compares the unrounded
 * values, so rounding never reorders entries.
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
 * <p>Tie-break, documented for entrants and organizers alike: equal scores are ordered by (1) the higher median
 * total, (2) the higher mean total, (3) more judges having scored, (4) the earlier submission, and (5) the entry code,
 * so that no two entries ever share a rank.
 */
public final class Aggregation {

    /** Decimal places of every total and result, as stored, shown and exported. */
    public static final int SCALE = 2;

    /** Decimal places a judge may give a criterion value (score_item.value is numeric(7,2)). */
    public static final int VALUE_SCALE = 2;

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Name("AggregationMethod")
    @Description("How judges' scores are combined into an entry's result.")
    public enum Method {
        WEIGHTED_MEAN, MEDIAN, Z_SCORE
    }

    /** A rubric criterion; weights are configured as decimals (0.4), {@link #of} keeps them exact. */
    public record Criterion(String code, BigDecimal weight, int scaleMax) {

        public static Criterion of(String code, double weight, int scaleMax) {
            return new Criterion(code, BigDecimal.valueOf(weight), scaleMax);
        }
    }

    /** The latest revision of one judge's score of one entry: criterion code to value. */
    public record JudgeScore(UUID entryId, UUID judgeId, Map<String, BigDecimal> values) {
    }

    public record EntryInfo(UUID id, String code, java.time.Instant submittedAt) {
    }

    /**
     * Values at {@link #SCALE}.
     *
     * @param spread highest minus lowest judge total, on 0..100
     * @param disagreement spread above the contest's threshold: a human should look before shortlisting
     */
    public record Result(UUID entryId, int rank, BigDecimal score, BigDecimal mean, BigDecimal median,
            BigDecimal spread, int judgeCount, boolean disagreement) {
    }

    private Aggregation() {
    }

    /** Total of one score on 0..100, at {@link #SCALE}. */
    public static BigDecimal total(Map<String, BigDecimal> values, List<Criterion> criteria) {
        return shown(exactTotal(values, criteria));
    }

    /** A value at the fixed scale of totals and results. */
    public static BigDecimal shown(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal exactTotal(Map<String, BigDecimal> values, List<Criterion> criteria) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            BigDecimal v = values.get(c.code());
            if (v != null) {
                weighted = weighted.add(c.weight().multiply(v).divide(BigDecimal.valueOf(c.scaleMax()), MC));
            }
            weights = weights.add(c.weight());
        }
        return weights.signum() == 0 ? BigDecimal.ZERO : HUNDRED.multiply(weighted).divide(weights, MC);
    }

    public static List<Result> rank(List<EntryInfo> entries, List<JudgeScore> scores, List<Criterion> criteria,
            Method method, BigDecimal disagreementThreshold) {
        record Total(int judge, BigDecimal value) {
        }
        Map<UUID, List<Total>> totalsByEntry = new HashMap<>();
        Map<UUID, List<BigDecimal>> totalsByJudge = new HashMap<>();
        Map<UUID, Integer> judgeIndex = new HashMap<>();
        List<UUID> judges = new ArrayList<>();
        // A fixed order, so that every sum is taken in the same order whatever order the scores were read in.
        List<JudgeScore> ordered = new ArrayList<>(scores);
        ordered.sort(Comparator.comparing(JudgeScore::judgeId).thenComparing(JudgeScore::entryId));
        for (JudgeScore s : ordered) {
            BigDecimal total = exactTotal(s.values(), criteria);
            int j = judgeIndex.computeIfAbsent(s.judgeId(), k -> {
                judges.add(k);
                return judges.size() - 1;
            });
            totalsByEntry.computeIfAbsent(s.entryId(), k -> new ArrayList<>()).add(new Total(j, total));
            totalsByJudge.computeIfAbsent(s.judgeId(), k -> new ArrayList<>()).add(total);
        }
        BigDecimal[] judgeMean = new BigDecimal[judges.size()];
        BigDecimal[] judgeSd = new BigDecimal[judges.size()];
        for (int j = 0; j < judges.size(); j++) {
            List<BigDecimal> t = totalsByJudge.get(judges.get(j));
            BigDecimal m = mean(t);
            judgeMean[j] = m;
            BigDecimal squares = t.stream().map(x -> x.subtract(m).pow(2, MC)).reduce(BigDecimal.ZERO, BigDecimal::add);
            judgeSd[j] = squares.divide(BigDecimal.valueOf(t.size()), MC).sqrt(MC);
        }

        record Row(EntryInfo entry, BigDecimal score, BigDecimal mean, BigDecimal median, BigDecimal spread,
                int count) {
        }
        List<Row> rows = new ArrayList<>();
        for (EntryInfo entry : entries) {
            List<Total> totals = totalsByEntry.getOrDefault(entry.id(), List.of());
            List<BigDecimal> values = totals.stream().map(Total::value).sorted().toList();
            BigDecimal mean = mean(values);
            BigDecimal median = median(values);
            BigDecimal spread = values.isEmpty() ? BigDecimal.ZERO : values.getLast().subtract(values.getFirst());
            BigDecimal score = switch (method) {
                case WEIGHTED_MEAN -> mean;
                case MEDIAN -> median;
                case Z_SCORE -> mean(totals.stream().map(t -> judgeSd[t.judge()].signum() == 0 ? BigDecimal.ZERO
                        : t.value().subtract(judgeMean[t.judge()]).divide(judgeSd[t.judge()], MC)).toList());
            };
            rows.add(new Row(entry, score, mean, median, spread, values.size()));
        }
        Comparator<BigDecimal> desc = Comparator.reverseOrder();
        rows.sort(Comparator.comparing(Row::score, desc)
                .thenComparing(Row::median, desc)
                .thenComparing(Row::mean, desc)
                .thenComparing(Comparator.comparingInt(Row::count).reversed())
                .thenComparing(r -> r.entry().submittedAt())
                .thenComparing(r -> r.entry().code()));
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            BigDecimal spread = shown(r.spread());
            results.add(new Result(r.entry().id(), i + 1, shown(r.score()), shown(r.mean()), shown(r.median()),
                    spread, r.count(), spread.compareTo(disagreementThreshold) > 0));
        }
        return results;
    }

    static BigDecimal mean(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), MC);
    }

    static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return BigDecimal.ZERO;
        }
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }
}
