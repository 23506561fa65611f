package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.judging.Aggregation.Criterion;
import cn.kepu.media.judging.Aggregation.EntryInfo;
import cn.kepu.media.judging.Aggregation.JudgeScore;
import cn.kepu.media.judging.Aggregation.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AggregationTest {

    static final List<Criterion> RUBRIC = List.of(Criterion.of("ACCURACY", 3, 10), Criterion.of("CREATIVITY", 1, 5));
    static final UUID J1 = new UUID(0, 1);
    static final UUID J2 = new UUID(0, 2);
    static final UUID J3 = new UUID(0, 3);

    static EntryInfo entry(int n) {
        return new EntryInfo(new UUID(1, n), "E-" + n, Instant.parse("2025-04-01T00:00:00Z").plusSeconds(n));
    }

    static JudgeScore score(EntryInfo e, UUID judge, double accuracy, double creativity) {
        return new JudgeScore(e.id(), judge, Map.of("ACCURACY", BigDecimal.valueOf(accuracy), "CREATIVITY",
                BigDecimal.valueOf(creativity)));
    }

    @Test
    void totalIsTheWeightedMeanOfScaledCriteriaOnZeroToHundred() {
        assertThat(Aggregation.total(values(10, 5), RUBRIC)).isEqualTo(new BigDecimal("100.00"));
        // 3 * 0.8 + 1 * 0.2 = 2.6 of 4 → 65
        assertThat(Aggregation.total(values(8, 1), RUBRIC)).isEqualTo(new BigDecimal("65.00"));
    }

    /**
     * Issue 8 item 9. With the contest rubric 0.4/0.3/0.3 on 0..10, judge totals of (3, 7, 10) and (10, 7, 10) are
     * 63.000000000000014 and 91.00000000000001 in floating point, and their mean 77.00000000000001. In decimals
     * they are 63.00, 91.00 and 77.00, at the fixed scale.
     */
    @Test
    void scoresAreDecimalsAtAFixedScaleWithoutFloatingPointNoise() {
        List<Criterion> rubric = List.of(Criterion.of("ACCURACY", 0.4, 10), Criterion.of("CREATIVITY", 0.3, 10),
                Criterion.of("ARTISTRY", 0.3, 10));
        double floating = (floatingTotal(3, 7, 10) + floatingTotal(10, 7, 10)) / 2;
        assertThat(floating).as("what doubles gave").isEqualTo(77.00000000000001);

        EntryInfo e = entry(1);
        var judge1 = new JudgeScore(e.id(), J1, Map.of("ACCURACY", BigDecimal.valueOf(3), "CREATIVITY",
                BigDecimal.valueOf(7), "ARTISTRY", BigDecimal.valueOf(10)));
        var judge2 = new JudgeScore(e.id(), J2, Map.of("ACCURACY", BigDecimal.valueOf(10), "CREATIVITY",
                BigDecimal.valueOf(7), "ARTISTRY", BigDecimal.valueOf(10)));
        assertThat(Aggregation.total(judge1.values(), rubric)).hasToString("63.00");
        assertThat(Aggregation.total(judge2.values(), rubric)).hasToString("91.00");
        for (Method method : List.of(Method.WEIGHTED_MEAN, Method.MEDIAN)) {
            var result = Aggregation.rank(List.of(e), List.of(judge1, judge2), rubric, method, BigDecimal.TEN).get(0);
            assertThat(result.score()).as(method.name()).hasToString("77.00");
            assertThat(result.mean()).hasToString("77.00");
            assertThat(result.median()).hasToString("77.00");
            assertThat(result.spread()).hasToString("28.00");
            assertThat(result.disagreement()).isTrue();
        }
    }

    /** The total as the service computed it with doubles before issue 8 item 9 (kept here as the counter-example). */
    private static double floatingTotal(double accuracy, double creativity, double artistry) {
        double weighted = 0.4 * accuracy / 10;
        weighted += 0.3 * creativity / 10;
        weighted += 0.3 * artistry / 10;
        double weights = 0.4 + 0.3 + 0.3;
        return 100 * weighted / weights;
    }

    @Test
    void resultsAreRoundedHalfUpToTwoDecimalsButRankedUnrounded() {
        List<Criterion> percent = List.of(Criterion.of("A", 1, 100));
        EntryInfo earlier = entry(1);
        EntryInfo later = entry(2);
        var scores = List.of(new JudgeScore(earlier.id(), J1, Map.of("A", new BigDecimal("66.665"))),
                new JudgeScore(later.id(), J1, Map.of("A", new BigDecimal("66.67"))));
        var ranked = Aggregation.rank(List.of(earlier, later), scores, percent, Method.WEIGHTED_MEAN, BigDecimal.TEN);

        assertThat(ranked).extracting(r -> r.score().toPlainString()).containsExactly("66.67", "66.67");
        // Shown alike, but 66.67 > 66.665: rounding does not hand the tie-break (earlier submission) the win.
        assertThat(ranked.get(0).entryId()).isEqualTo(later.id());
    }

    private static Map<String, BigDecimal> values(double accuracy, double creativity) {
        return Map.of("ACCURACY", BigDecimal.valueOf(accuracy), "CREATIVITY", BigDecimal.valueOf(creativity));
    }

    @Test
    void medianResistsAnOutlierWhereTheMeanDoesNot() {
        EntryInfo a = entry(1);
        EntryInfo b = entry(2);
        List<JudgeScore> scores = List.of(
                score(a, J1, 8, 4), score(a, J2, 8, 4), score(a, J3, 0, 0),   // one harsh outlier
                score(b, J1, 7, 3), score(b, J2, 7, 3), score(b, J3, 7, 3));
        var mean = Aggregation.rank(List.of(a, b), scores, RUBRIC, Method.WEIGHTED_MEAN, BigDecimal.valueOf(20));
        var median = Aggregation.rank(List.of(a, b), scores, RUBRIC, Method.MEDIAN, BigDecimal.valueOf(20));

        assertThat(mean.get(0).entryId()).isEqualTo(b.id());
        assertThat(median.get(0).entryId()).isEqualTo(a.id());
        assertThat(median.get(0).disagreement()).as("spread 80 > threshold 20").isTrue();
        assertThat(median.get(1).disagreement()).isFalse();
        assertThat(median.get(0).spread()).isEqualByComparingTo("80");
    }

    @Test
    void zScoreRemovesAHarshJudgesOffset() {
        // J1 is lenient and scores only entry A; J2 is harsh and scores only entry B. Raw means favour A, but each
        // judge's ranking of their own entries is what z-scores compare.
        EntryInfo a = entry(1);
        EntryInfo b = entry(2);
        EntryInfo c = entry(3);
        EntryInfo d = entry(4);
        List<JudgeScore> scores = List.of(
                score(a, J1, 9, 4), score(c, J1, 10, 5),          // J1: A below his mean
                score(b, J2, 5, 3), score(d, J2, 2, 1));          // J2: B above her mean
        var raw = Aggregation.rank(List.of(a, b, c, d), scores, RUBRIC, Method.WEIGHTED_MEAN, BigDecimal.valueOf(50));
        var z = Aggregation.rank(List.of(a, b, c, d), scores, RUBRIC, Method.Z_SCORE, BigDecimal.valueOf(50));

        assertThat(position(raw, a)).isLessThan(position(raw, b));
        assertThat(position(z, b)).isLessThan(position(z, a));
        assertThat(z.stream().filter(r -> r.entryId().equals(a.id())).findFirst().orElseThrow().score())
                .hasToString("-1.00");
    }

    @Test
    void tiesAreBrokenByMedianThenSubmissionTimeThenCode() {
        EntryInfo late = entry(9);
        EntryInfo early = entry(1);
        List<JudgeScore> scores = List.of(score(late, J1, 6, 3), score(early, J1, 6, 3));
        var ranked = Aggregation.rank(List.of(late, early), scores, RUBRIC, Method.WEIGHTED_MEAN, BigDecimal.valueOf(20));

        assertThat(ranked).extracting(Aggregation.Result::entryId).containsExactly(early.id(), late.id());
        assertThat(ranked).extracting(Aggregation.Result::rank).containsExactly(1, 2);
    }

    @Test
    void rankingIsReproducibleWhateverTheInputOrder() {
        List<EntryInfo> entries = new ArrayList<>();
        List<JudgeScore> scores = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EntryInfo e = entry(i);
            entries.add(e);
            scores.add(score(e, J1, i % 7, i % 3));
            scores.add(score(e, J2, (i * 3) % 11 % 10, i % 5));
        }
        var first = Aggregation.rank(entries, scores, RUBRIC, Method.Z_SCORE, BigDecimal.valueOf(20));
        Collections.shuffle(entries, new java.util.Random(1));
        Collections.shuffle(scores, new java.util.Random(2));
        var second = Aggregation.rank(entries, scores, RUBRIC, Method.Z_SCORE, BigDecimal.valueOf(20));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void entriesWithoutScoresRankLastWithZeroJudges() {
        EntryInfo scored = entry(2);
        EntryInfo unscored = entry(1);
        var ranked = Aggregation.rank(List.of(unscored, scored), List.of(score(scored, J1, 1, 1)), RUBRIC,
                Method.MEDIAN, BigDecimal.valueOf(20));
        assertThat(ranked.get(1).entryId()).isEqualTo(unscored.id());
        assertThat(ranked.get(1).judgeCount()).isZero();
    }

    private static int position(List<Aggregation.Result> results, EntryInfo e) {
        return results.stream().filter(r -> r.entryId().equals(e.id())).findFirst().orElseThrow().rank();
    }
}
