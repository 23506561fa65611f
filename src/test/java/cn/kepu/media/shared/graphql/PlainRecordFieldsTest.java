package cn.kepu.media.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.DataFetchingEnvironmentImpl;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.DateFormat;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.NumberFormat;
import org.junit.jupiter.api.Test;

/** Which record fields bypass SmallRye's per-field fetcher: only those SmallRye would pass through unchanged. */
class PlainRecordFieldsTest {

    public enum Kind { POSTER, VIDEO }

    public record Sample(
            @NonNull @Id String id,
            @Description("shown") String title,
            Kind kind,
            boolean published,
            Integer score,
            List<String> tags,
            List<Kind> kinds,
            @Name("headline") String internalHeadline,
            OffsetDateTime createdAt,
            @DateFormat("yyyy") String year,
            @NumberFormat("#.00") int rounded,
            List<OffsetDateTime> times,
            long big,
            Nested nested,
            List<Nested> nestedList) {
    }

    public record Nested(String name) {
    }

    /** Two components claim the GraphQL name "title": neither may be read by name. */
    public record Clash(String title, @Name("title") String other) {
    }

    record Hidden(String title) {
    }

    @Test
    void passThroughTypesWithNeutralAnnotationsAreReadDirectly() {
        assertThat(PlainRecordFields.plainFieldsOf(Sample.class).keySet())
                .containsExactlyInAnyOrder("id", "title", "kind", "published", "score", "tags", "kinds", "headline", "nested",
                        "nestedList");
    }

    @Test
    void formattedTemporalNumericAndWideFieldsKeepSmallRyesFetcher() {
        assertThat(PlainRecordFields.plainFieldsOf(Sample.class))
                .doesNotContainKeys("createdAt", "year", "rounded", "times", "big", "internalHeadline");
    }

    @Test
    void ambiguousNamesAndNonPublicRecordsKeepSmallRyesFetcher() {
        assertThat(PlainRecordFields.plainFieldsOf(Clash.class)).doesNotContainKey("title");
        var fields = new PlainRecordFields();
        assertThat(fields.of(new Hidden("x"), "title")).isNull();
        assertThat(fields.of("not a record", "length")).isNull();
        assertThat(fields.of(null, "title")).isNull();
    }

    @Test
    void readsTheAccessorsValue() throws Exception {
        var sample = new Sample("w1", "量子", Kind.VIDEO, true, 7, List.of("a"), List.of(Kind.POSTER), "头条",
                OffsetDateTime.now(), "2026", 3, List.of(), 5L, new Nested("n"), List.of());
        var fields = new PlainRecordFields();
        var environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(sample).build();
        assertThat(fields.of(sample, "title").get(environment)).isEqualTo("量子");
        assertThat(fields.of(sample, "kind").get(environment)).isEqualTo(Kind.VIDEO);
        assertThat(fields.of(sample, "headline").get(environment)).isEqualTo("头条");
        assertThat(fields.of(sample, "published").get(environment)).isEqualTo(true);
        assertThat(fields.of(sample, "kinds").get(environment)).isEqualTo(List.of(Kind.POSTER));
        assertThat(fields.of(sample, "nested").get(environment)).isEqualTo(new Nested("n"));
    }
}
