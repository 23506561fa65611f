package cn.kepu.media.search;

import cn.kepu.media.testsupport.SearchWords;
import static cn.kepu.media.search.Searching.awaitIds;
import static cn.kepu.media.search.Searching.ids;
import static cn.kepu.media.search.Searching.search;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The index lags behind PostgreSQL (the outbox is drained every few hundred milliseconds), so a hit can name a work
 * that stopped being visible a moment ago. Search results are loaded through the works feature's visibility check,
 * which decides on PostgreSQL's state: such a work never comes back. The lag is made permanent here by changing the
 * row without its outbox trigger, so the test does not depend on winning a race against the indexer.
 */
@QuarkusTest
class SearchLagVisibilityTest {

    @Inject
    AgroalDataSource dataSource;

    @AfterAll
    static void deleteTheWorksMadeHere() {
        TestWorks.deleteAll();
    }

    @Test
    void aWorkUnpublishedAMomentAgoNeverComesBackWhileTheIndexLags() throws SQLException {
        String marker = SearchWords.unique("lag");
        UUID work = TestWorks.create(Spec.published("秋季候鸟迁徙观察 " + marker).tags("候鸟", marker));
        UUID neighbour = TestWorks.create(Spec.published("候鸟迁徙的秘密 " + marker).tags("候鸟", marker));
        awaitIds(GraphQL.anonymous(), marker, Map.of(), found -> found.containsAll(List.of(work.toString(),
                neighbour.toString())));

        unpublishBehindTheIndexesBack(work);

        // The index still holds the work as published: the organizer, who sees drafts, still finds it there.
        assertThat(ids(search(GraphQL.as("organizer1"), marker, Map.of()))).contains(work.toString());
        for (GraphQL viewer : List.of(GraphQL.anonymous(), GraphQL.as("media1"), GraphQL.as("entrant2"))) {
            assertThat(ids(search(viewer, marker, Map.of()))).as("search")
                    .contains(neighbour.toString()).doesNotContain(work.toString());
            List<String> related = viewer.run("query($id: ID!) { relatedWorks(id: $id, first: 10) { id } }",
                    Map.of("id", neighbour.toString())).ok().data("relatedWorks.id");
            assertThat(related).as("related works").doesNotContain(work.toString());
        }
    }

    /** The work becomes a draft in PostgreSQL while its search trigger is off, in one transaction nobody sees half of. */
    private void unpublishBehindTheIndexesBack(UUID work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement update = c.prepareStatement(
                            "update work set status = 'DRAFT', published_at = null where id = ?")) {
                s.execute("alter table work disable trigger work_search");
                update.setObject(1, work);
                assertThat(update.executeUpdate()).isEqualTo(1);
                s.execute("alter table work enable trigger work_search");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
