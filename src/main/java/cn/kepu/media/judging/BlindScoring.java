package cn.kepu.media.judging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The blind-judging rules for what a judge sees of an entry's scores. Pure, so {@code BlindScoringTest} checks them
 * without the stack:
 * <ul>
 * <li>a judge always sees their own latest revision;</li>
 * <li>other judges' scores stay hidden until the judge's own score is in (so nobody anchors on a colleague);</li>
 * <li>once visible, peers carry no identity: they are labelled 评委 A, B, … per entry, in the order they scored, so a
 * label says nothing about who scored across entries.</li>
 * </ul>
 */
public final class BlindScoring {

    /** One judge's latest revision as its owner sees it; {@code total} at {@link Aggregation#SCALE}. */
    public record OwnScore(int revision, Instant submittedAt, BigDecimal total, List<JudgingService.Item> items) {
    }

    /** Another judge's latest revision, anonymised. */
    public record PeerScore(String judgeLabel, BigDecimal total, List<JudgingService.Item> items) {
    }

    /** What one judge sees of one entry's scores: their own (or null) and the peers (empty until their own is in). */
    public record View(OwnScore mine, List<PeerScore> peers) {
    }

    private BlindScoring() {
    }

    /**
     * @param judge the judge looking
     * @param scoresOfEntry the latest revision of every judge's score of one entry in one round
     */
    public static View forJudge(UUID judge, List<JudgingService.Score> scoresOfEntry,
            List<Aggregation.Criterion> criteria) {
        JudgingService.Score mine = scoresOfEntry.stream().filter(s -> s.judgeId().equals(judge)).findFirst()
                .orElse(null);
        if (mine == null) {
            return new View(null, List.of());
        }
        List<JudgingService.Score> others = scoresOfEntry.stream().filter(s -> !s.judgeId().equals(judge))
                .sorted(Comparator.comparing(JudgingService.Score::submittedAt)
                        .thenComparing(JudgingService.Score::id))
                .toList();
        List<PeerScore> peers = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            JudgingService.Score o = others.get(i);
            peers.add(new PeerScore(label(i), Aggregation.total(values(o), criteria), List.copyOf(o.items())));
        }
        return new View(new OwnScore(mine.revision(), mine.submittedAt(), Aggregation.total(values(mine), criteria),
                List.copyOf(mine.items())), List.copyOf(peers));
    }

    /** 评委 A … 评委 Z, then 评委 AA, AB, … (spreadsheet-style), for the peer at {@code index}. */
    public static String label(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index; n >= 0; n = n / 26 - 1) {
            letters.insert(0, (char) ('A' + n % 26));
        }
        return "评委 " + letters;
    }

    private static Map<String, BigDecimal> values(JudgingService.Score score) {
        return score.items().stream().collect(Collectors.toMap(JudgingService.Item::criterion,
                JudgingService.Item::value));
    }
}
