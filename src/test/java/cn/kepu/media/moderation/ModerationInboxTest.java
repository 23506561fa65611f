package cn.kepu.media.moderation;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The moderators' one queue across contests: each filter narrows it to exactly what it names, pages walk it oldest
 * first without repeating or skipping an item, and a decided entry leaves it.
 */
@QuarkusTest
class ModerationInboxTest {

    static final String INBOX = """
            query($f: ModerationInboxFilter, $first: Int, $after: String) {
              moderationInbox(filter: $f, first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { cursor node { stage submission { id work { kind } } } }
              }
            }""";

    @Test
    void filtersNarrowTheQueueAndPagesWalkItOldestFirst() {
        String contestA = contest("审核收件箱甲");
        String contestB = contest("审核收件箱乙");
        Registered entrant = Contests.register("inbox-entrant", "ENTRANT", "某中学", "BEIJING");
        List<String> inA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inA.add(enter(entrant, contestA, "POSTER", "海报 " + i));
        }
        String videoInA = enter(entrant, contestA, "VIDEO", "短视频");
        inA.add(videoInA);
        String posterInB = enter(entrant, contestB, "POSTER", "另一赛事的海报");

        GraphQL moderator = GraphQL.as("moderator1");
        List<String> byContest = ids(moderator, Map.of("contestId", contestA), 50);
        assertThat(byContest).as("the contest filter keeps the contest's entries, oldest first").isEqualTo(inA);

        List<String> posters = all(moderator, Map.of("kind", "POSTER"));
        assertThat(posters).as("the kind filter crosses contests").contains(inA.get(0), posterInB)
                .doesNotContain(videoInA);
        List<String> videosInA = ids(moderator, Map.of("contestId", contestA, "kind", "SHORT_VIDEO"), 50);
        assertThat(videosInA).containsExactly(videoInA);
        assertThat(ids(moderator, Map.of("contestId", contestA, "stage", "PUBLICATION"), 50))
                .as("nothing of this contest waits for publication review").isEmpty();

        // Pages of one: every entry once, in the same order as the single page.
        List<String> paged = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("f", Map.of("contestId", contestA, "stage", "ENTRY"));
            variables.put("first", 1);
            variables.put("after", after);
            var page = moderator.run(INBOX, variables).ok();
            paged.addAll(page.<List<String>>data("moderationInbox.edges.node.submission.id"));
            more = page.<Boolean>data("moderationInbox.pageInfo.hasNextPage");
            after = page.string("moderationInbox.pageInfo.endCursor");
            assertThat(paged.size()).as("paging terminates").isLessThanOrEqualTo(inA.size());
        }
        assertThat(paged).isEqualTo(inA);

        moderator.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: APPROVE,"
                + " reasonCode: OK}) { id } }", Map.of("s", inA.get(0))).ok();
        assertThat(ids(moderator, Map.of("contestId", contestA), 50)).as("a decided entry leaves the queue")
                .isEqualTo(inA.subList(1, inA.size()));

        var asEntrant = entrant.client().run(INBOX, Map.of("f", Map.of("contestId", contestA)));
        assertThat(asEntrant.errorCode()).isEqualTo("FORBIDDEN");
    }

    /** The whole queue under a filter, page by page (other tests leave entries waiting too). */
    private static List<String> all(GraphQL as, Map<String, Object> filter) {
        List<String> found = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("f", filter);
            variables.put("first", 50);
            variables.put("after", after);
            var response = as.run(INBOX, variables).ok();
            found.addAll(response.<List<String>>data("moderationInbox.edges.node.submission.id"));
            if (!response.<Boolean>data("moderationInbox.pageInfo.hasNextPage")) {
                return found;
            }
            after = response.string("moderationInbox.pageInfo.endCursor");
        }
        throw new AssertionError("the queue did not end within 100 pages");
    }

    private static String contest(String title) {
        return GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input(title, Duration.ofHours(1), 10))).ok().string("createContest.id");
    }

    private static String enter(Registered entrant, String contest, String category, String title) {
        boolean video = category.equals("VIDEO");
        String workId = work(entrant.client(), video ? "SHORT_VIDEO" : "POSTER", title);
        TestMediaFacts.register(workId, video ? TestMediaFacts.mp4(1920, 1080, 60) : TestMediaFacts.png(3000, 4000));
        return entrant.client().run(SUBMIT, submission(contest, category, workId)).ok().string("submitEntry.id");
    }

    private static List<String> ids(GraphQL as, Map<String, Object> filter, int first) {
        return as.run(INBOX, Map.of("f", filter, "first", first)).ok()
                .data("moderationInbox.edges.node.submission.id");
    }
}
