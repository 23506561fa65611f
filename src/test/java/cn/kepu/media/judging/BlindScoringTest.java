package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The blind-judging rules of {@link BlindScoring}, without the stack (milliseconds). */
class BlindScoringTest {

    static final List<Aggregation.Criterion> RUBRIC = List.of(Aggregation.Criterion.of("ACCURACY", 0.4, 10),
            Aggregation.Criterion.of("CREATIVITY", 0.3, 10), Aggregation.Criterion.of("ARTISTRY", 0.3, 10));
    static final UUID ME = new UUID(0, 1);
    static final UUID PEER_EARLY = new UUID(0, 9);
    static final UUID PEER_LATE = new UUID(0, 2);
    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    static JudgingService.Score score(UUID judge, int revision, Instant at, int accuracy, int creativity,
            int artistry) {
        return new JudgingService.Score(UUID.nameUUIDFromBytes((judge + "/" + revision).getBytes()), new UUID(7, 7),
                new UUID(8, 8), judge, revision, at, List.of(
                        new JudgingService.Item("ACCURACY", BigDecimal.valueOf(accuracy), ""),
                        new JudgingService.Item("CREATIVITY", BigDecimal.valueOf(creativity), "构图新颖"),
                        new JudgingService.Item("ARTISTRY", BigDecimal.valueOf(artistry), "")));
    }

    @Test
    void peersStayHiddenUntilTheJudgesOwnScoreIsIn() {
        var peers = List.of(score(PEER_EARLY, 1, T0, 9, 9, 9), score(PEER_LATE, 1, T0.plusSeconds(60), 5, 5, 5));

        BlindScoring.View before = BlindScoring.forJudge(ME, peers, RUBRIC);

        assertThat(before.mine()).isNull();
        assertThat(before.peers()).as("no anchoring on colleagues before scoring").isEmpty();
    }

    @Test
    void onceScoredTheJudgeSeesPeersLabelledByScoringOrderWithoutIdentity() {
        var scores = List.of(score(PEER_LATE, 2, T0.plusSeconds(120), 5, 5, 5), score(ME, 3, T0.plusSeconds(30), 3, 7, 10),
                score(PEER_EARLY, 1, T0, 10, 7, 10));

        BlindScoring.View view = BlindScoring.forJudge(ME, scores, RUBRIC);

        assertThat(view.mine().revision()).isEqualTo(3);
        assertThat(view.mine().total()).hasToString("63.00");
        assertThat(view.peers()).extracting(BlindScoring.PeerScore::judgeLabel).containsExactly("评委 A", "评委 B");
        assertThat(view.peers()).extracting(p -> p.total().toPlainString()).containsExactly("91.00", "50.00");
        assertThat(view.peers().get(0).items()).extracting(JudgingService.Item::comment).contains("构图新颖");
        // A label is the only handle on a peer: nothing in it names or numbers the judge behind it.
        assertThat(view.peers()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(PEER_EARLY.toString())
                .doesNotContain(PEER_LATE.toString()));
    }

    @Test
    void theJudgeIsNeverAmongThePeers() {
        BlindScoring.View alone = BlindScoring.forJudge(ME, List.of(score(ME, 1, T0, 1, 2, 3)), RUBRIC);

        assertThat(alone.mine()).isNotNull();
        assertThat(alone.peers()).isEmpty();
    }

    @Test
    void labelsGoOnPastZ() {
        assertThat(BlindScoring.label(0)).isEqualTo("评委 A");
        assertThat(BlindScoring.label(25)).isEqualTo("评委 Z");
        assertThat(BlindScoring.label(26)).isEqualTo("评委 AA");
        assertThat(BlindScoring.label(27)).isEqualTo("评委 AB");
    }
}
