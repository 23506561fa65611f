package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * A page of works with every nested field costs the same few statements whatever its size (no N+1), and only what the
 * client selected: no count over the whole library unless totalCount is asked for.
 */
@QuarkusTest
class WorksQueryCostTest {

    static final String PAGE = """
            query($first: Int) { works(first: $first) { totalCount edges { node {
              id title topics { code } creators { name } owner { displayName } licence { code }
              preview { mediaType thumbnailUrl previewUrl } previews { posterUrl } nearDuplicates { distance }
            } } } }""";

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aPageCostsABoundedNumberOfStatementsIndependentOfItsSize() {
        GraphQL organizer = GraphQL.as("organizer1");
        organizer.run(PAGE, java.util.Map.of("first", 1)).ok(); // warm the token and the caller's account path

        long small = statementsFor(organizer, 1);
        long large = statementsFor(organizer, 100);

        // 6 for the works and their own fields, plus one each for preview, previews and nearDuplicates.
        assertThat(large).isEqualTo(small).isLessThanOrEqualTo(9);
    }

    @Test
    void aPageWithoutTotalCountCountsNothing() {
        GraphQL anonymous = GraphQL.anonymous();
        // Only the page's own batch fields: the media fields of PAGE add statements of their own.
        String page = """
                query($first: Int) { works(first: $first) { totalCount edges { node {
                  id title topics { code } creators { name } } } } }""";
        String withoutTotal = page.replace("totalCount ", "");
        anonymous.run(page, java.util.Map.of("first", 1)).ok();

        long withTotal = statementsFor(anonymous, page, 50);
        long without = statementsFor(anonymous, withoutTotal, 50);

        assertThat(without).as("page, topics, creators").isEqualTo(3).isEqualTo(withTotal - 1);
    }

    private long statementsFor(GraphQL caller, int first) {
        return statementsFor(caller, PAGE, first);
    }

    private long statementsFor(GraphQL caller, String page, int first) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        var response = caller.run(page, java.util.Map.of("first", first)).ok();
        List<Object> nodes = response.data("works.edges.node");
        assertThat(nodes).isNotEmpty();
        return statistics.getPrepareStatementCount();
    }
}
