package cn.kepu.media.contests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The schedule rules of a contest, without the stack: when it takes entries and when results may go out. */
class ContestScheduleTest {

    static final Instant OPENS = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant CLOSES = Instant.parse("2026-05-20T16:00:00Z");

    private static Contest contest(Instant judgingOpens, Instant judgingCloses) {
        Contest c = new Contest();
        c.submissionOpensAt = OPENS;
        c.submissionClosesAt = CLOSES;
        c.judgingOpensAt = judgingOpens;
        c.judgingClosesAt = judgingCloses;
        return c;
    }

    @Test
    void resultsWaitForTheSubmissionDeadline() {
        Contest c = contest(null, null);
        assertThat(c.resultsMayBePublishedAt(CLOSES.minusNanos(1000))).isFalse();
        assertThat(c.resultsMayBePublishedAt(CLOSES)).isTrue();
        assertThat(c.acceptsSubmissionsAt(CLOSES)).as("the deadline instant itself is closed").isFalse();
    }

    @Test
    void resultsWaitForTheEndOfJudgingWhenItHasOne() {
        Instant judgingCloses = CLOSES.plusSeconds(7 * 24 * 3600);
        Contest c = contest(CLOSES, judgingCloses);
        assertThat(c.resultsMayBePublishedAt(CLOSES.plusSeconds(3600))).isFalse();
        assertThat(c.resultsMayBePublishedAt(judgingCloses)).isTrue();
    }

    @Test
    void aJudgingWindowEndingBeforeTheDeadlineDoesNotAllowEarlierResults() {
        Contest c = contest(OPENS, CLOSES.minusSeconds(3600));
        assertThat(c.resultsMayBePublishedAt(CLOSES.minusSeconds(60))).isFalse();
        assertThat(c.resultsMayBePublishedAt(CLOSES)).isTrue();
    }
}
