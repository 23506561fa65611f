package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.NearDuplicates.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which matches a new file records: bounded, closest first, the original before its later copies. */
class NearDuplicateSelectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void aFileCopiedManyTimesRecordsAtMostTheLimitStartingWithTheOriginal() {
        List<Candidate> copies = new ArrayList<>();
        for (int i = 500; i >= 1; i--) {  // the n-th upload of the same poster: 500 earlier identical copies
            copies.add(candidate(T0.plusSeconds(i), 0));
        }
        Candidate original = candidate(T0, 0);
        copies.add(original);

        List<Candidate> recorded = NearDuplicates.worthRecording(copies, 1, 20);

        assertThat(recorded).hasSize(20);
        assertThat(recorded.getFirst()).isEqualTo(original);
        assertThat(recorded).isSortedAccordingTo((a, b) -> a.createdAt().compareTo(b.createdAt()));
    }

    @Test
    void closerMatchesComeBeforeEarlierOnes() {
        Candidate oldButFar = candidate(T0, 9);
        Candidate newButClose = candidate(T0.plusSeconds(60), 1);

        assertThat(NearDuplicates.worthRecording(List.of(oldButFar, newButClose), 1, 1)).containsExactly(newButClose);
    }

    @Test
    void aVideoMatchNeedsEnoughKeyframesAndCountsItsWorstOne() {
        Candidate twoFrames = candidate(T0, 2, 7);
        Candidate oneFrame = candidate(T0, 0);

        List<Candidate> recorded = NearDuplicates.worthRecording(List.of(oneFrame, twoFrames), 2, 20);

        assertThat(recorded).containsExactly(twoFrames);
        assertThat(recorded.getFirst().distance()).isEqualTo(7);
    }

    private static Candidate candidate(Instant createdAt, Integer... distances) {
        return new Candidate(UUID.randomUUID(), UUID.randomUUID(), createdAt, new ArrayList<>(List.of(distances)));
    }
}
