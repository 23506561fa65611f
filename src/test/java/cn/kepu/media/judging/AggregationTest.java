package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.kepu.media.judging.Aggregation.Criterion;
import cn.kepu.media.judging.Aggregation.EntryInfo;
import cn.kepu.media.judging.Aggregation.JudgeScore;
import cn.kepu.media.judging.Aggregation.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AggregationTest {

    static final List<Criterion> RUBRIC = List.of(new Criterion("ACCURACY", 3, 10), new Criterion("CREATIVITY", 1, 5));
    static final UUID J1 = new UUID(0, 1);
    static final UUID J2 = new UUID(0, 2);
    static final UUID J3 = new UUID(0, 3);

    static EntryInfo entry(int n) {
        return new EntryInfo(new UUID(1, n), "E-" + n, Instant.parse("2025-04-01T00:00:00Z").plusSeconds(n));
    }

    static JudgeScore score(EntryInfo e, UUID judge, double accuracy, double creativity) {
        return new JudgeScore(e.id(), judge, Map.of("ACCURACY", accuracy, "CREATIVITY", creativity));
    }

    @Test
    void totalIsTheWeightedMeanOfScaledCriteriaOnZeroToHundred() {
        assertThat(Aggregation.total(Map.of("ACCURACY", 10.0, "CREATIVITY", 5.0), RUBRIC)).isEqualTo(100.0);
        // 3 * 0.8 + 1 * 0.2 = 2.6 of 4 → 65
        assertThat(Aggregation.total(Map.of("ACCURACY", 8.0, "CREATIVITY", 1.0), RUBRIC)).isCloseTo(65.0, within(1e-9));
    }

    @Test
    void medianResistsAnOutlierWhereTheMeanDoesNot() {
        EntryInfo a = entry(1);
        EntryInfo b = entry(2);
        List<JudgeScore> scores = List.of(
                score(a, J1, 8, 4), score(a, J2, 8, 4), score(a, J3, 0, 0),   // one harsh outlier
                score(b, J1, 7, 3), score(b, J2, 7, 3), score(b, J3, 7, 3));
        var mean = Aggregation.rank(List.of(a, b), scores, RUBRIC, Method.WEIGHTED_MEAN, 20);
        var median = Aggregation.rank(List.of(a, b), scores, RUBRIC, Method.MEDIAN, 20);

        assertThat(mean.get(0).entryId()).isEqualTo(b.id());
        assertThat(median.get(0).entryId()).isEqualTo(a.id());
        assertThat(median.get(0).disagreement()).as("spread 80 > threshold 20").isTrue();
        assertThat(median.get(1).disagreement()).isFalse();
        assertThat(median.get(0).spread()).isCloseTo(80.0, within(1e-9));
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
        var raw = Aggregation.rank(List.of(a, b, c, d), scores, RUBRIC, Method.WEIGHTED_MEAN, 50);
        var z = Aggregation.rank(List.of(a, b, c, d), scores, RUBRIC, Method.Z_SCORE, 50);

        assertThat(position(raw, a)).isLessThan(position(raw, b));
        assertThat(position(z, b)).isLessThan(position(z, a));
        assertThat(z.stream().filter(r -> r.entryId().equals(a.id())).findFirst().orElseThrow().score())
                .isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void tiesAreBrokenByMedianThenSubmissionTimeThenCode() {
        EntryInfo late = entry(9);
        EntryInfo early = entry(1);
        List<JudgeScore> scores = List.of(score(late, J1, 6, 3), score(early, J1, 6, 3));
        var ranked = Aggregation.rank(List.of(late, early), scores, RUBRIC, Method.WEIGHTED_MEAN, 20);

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
        var first = Aggregation.rank(entries, scores, RUBRIC, Method.Z_SCORE, 20);
        Collections.shuffle(entries, new java.util.Random(1));
        Collections.shuffle(scores, new java.util.Random(2));
        var second = Aggregation.rank(entries, scores, RUBRIC, Method.Z_SCORE, 20);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void entriesWithoutScoresRankLastWithZeroJudges() {
        EntryInfo scored = entry(2);
        EntryInfo unscored = entry(1);
        var ranked = Aggregation.rank(List.of(unscored, scored), List.of(score(scored, J1, 1, 1)), RUBRIC,
                Method.MEDIAN, 20);
        assertThat(ranked.get(1).entryId()).isEqualTo(unscored.id());
        assertThat(ranked.get(1).judgeCount()).isZero();
    }

    private static int position(List<Aggregation.Result> results, EntryInfo e) {
        return results.stream().filter(r -> r.entryId().equals(e.id())).findFirst().orElseThrow().rank();
    }
}
