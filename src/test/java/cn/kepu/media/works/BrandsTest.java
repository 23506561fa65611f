package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.search.Searching;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Brands and series (网络科普品牌): organizers create them and name managers; managers file their works under them;
 * works are found by brand (filter and facet) and by audience level; brand pages are public.
 */
@QuarkusTest
class BrandsTest {

    private static final String CREATE_BRAND = """
            mutation($input: BrandInput!) { createBrand(input: $input) { id name nameEn ownerOrganization kind version } }""";
    private static final String UPDATE_BRAND = """
            mutation($id: ID!, $version: Int!, $input: BrandInput!) {
              updateBrand(id: $id, version: $version, input: $input) { id name version managerIds } }""";
    private static final String CREATE_WORK = """
            mutation($input: WorkInput!) { createWork(input: $input) { id audienceLevels brand { id name } } }""";
    private static final String UPDATE_WORK = """
            mutation($id: ID!, $v: Int!, $input: WorkInput!) { updateWork(id: $id, version: $v, input: $input) {
              brand { id } } }""";
    private static final String SEARCH = """
            query($filter: SearchFilter) { searchWorks(filter: $filter, sort: NEWEST, first: 100) {
              edges { node { id } } facets { brands { value count } audienceLevels { value count } } } }""";

    @Test
    void aManagerFilesWorksUnderTheBrandAndOutletsFindThemByBrandAndAudience() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        var manager = Contests.register("brand-manager", "ENTRANT", "中国科学院物理研究所", "BEIJING");
        GraphQL organizer = GraphQL.as("organizer1");
        Map<String, Object> brandInput = new HashMap<>(Map.of("name", "物理所科普视频 " + tag, "nameEn",
                "IOP Science Videos " + tag, "ownerOrganization", "中国科学院物理研究所", "kind", "VIDEO_CHANNEL",
                "description", "物理所的科普短视频系列"));
        String brand = organizer.run(CREATE_BRAND, Map.of("input", brandInput)).ok().string("createBrand.id");

        // Not yet a manager: filing a work under the brand is refused, in the caller's language.
        var refused = manager.client().acceptLanguage("zh-CN").run(CREATE_WORK,
                Map.of("input", workInput("未授权", brand, List.of())));
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.errorField()).isEqualTo("input.brandId");
        assertThat(refused.errorMessage()).contains("品牌");
        assertThat(manager.client().run(UPDATE_BRAND, Map.of("id", brand, "version", 0, "input", brandInput))
                .errorCode()).isEqualTo("FORBIDDEN");

        brandInput.put("managerIds", List.of(manager.id()));
        var named = organizer.run(UPDATE_BRAND, Map.of("id", brand, "version", 0, "input", brandInput)).ok();
        assertThat(named.<List<String>>data("updateBrand.managerIds")).containsExactly(manager.id());

        // A manager edits the brand (but cannot change its managers) and files works under it.
        Map<String, Object> edited = new HashMap<>(brandInput);
        edited.put("description", "物理所科普视频，每周更新");
        edited.put("managerIds", List.of());
        assertThat(manager.client().run(UPDATE_BRAND, Map.of("id", brand, "version", 1, "input", edited)).ok()
                .<List<String>>data("updateBrand.managerIds")).containsExactly(manager.id());

        var first = manager.client().run(CREATE_WORK, Map.of("input", workInput("超导是什么", brand,
                List.of("SECONDARY_SCHOOL", "PRIMARY_SCHOOL")))).ok();
        assertThat(first.string("createWork.brand.name")).isEqualTo("物理所科普视频 " + tag);
        assertThat(first.<List<String>>data("createWork.audienceLevels"))
                .containsExactly("PRIMARY_SCHOOL", "SECONDARY_SCHOOL");
        String inBrand = first.string("createWork.id");
        String second = manager.client().run(CREATE_WORK, Map.of("input", workInput("量子霍尔效应", brand,
                List.of("GENERAL_PUBLIC")))).ok().string("createWork.id");
        String outside = manager.client().run(CREATE_WORK, Map.of("input", workInput("无品牌作品", "",
                List.of("PRIMARY_SCHOOL")))).ok().string("createWork.id");
        // Leaving the brand: "" removes the work from it; omitting brandId keeps it.
        String leaver = manager.client().run(CREATE_WORK, Map.of("input", workInput("离开品牌", brand, List.of())))
                .ok().string("createWork.id");
        Map<String, Object> keep = workInput("仍在品牌", null, List.of());
        assertThat(manager.client().run(UPDATE_WORK, Map.of("id", leaver, "v", 0, "input", keep)).ok()
                .string("updateWork.brand.id")).isEqualTo(brand);
        assertThat(manager.client().run(UPDATE_WORK, Map.of("id", leaver, "v", 1, "input",
                workInput("离开品牌", "", List.of()))).ok().<Object>data("updateWork.brand")).isNull();
        publish(inBrand, second, outside, leaver);

        GraphQL outlet = GraphQL.as("media1");
        List<String> byBrand = Searching.awaitFiltered(outlet, Map.of("brandIds", List.of(brand)),
                ids -> ids.containsAll(List.of(inBrand, second)));
        assertThat(byBrand).containsExactlyInAnyOrder(inBrand, second);
        Map<String, Object> facets = outlet.run(SEARCH, Map.of("filter", Map.of("brandIds", List.of(brand)))).ok()
                .data("searchWorks.facets");
        assertThat(facets.get("brands").toString()).isEqualTo("[{value=" + brand + ", count=2}]");
        List<String> primary = Searching.awaitFiltered(outlet, Map.of("audienceLevels", List.of("PRIMARY_SCHOOL"),
                "brandIds", List.of(brand)), ids -> ids.contains(inBrand));
        assertThat(primary).containsExactly(inBrand);
        Searching.awaitFiltered(outlet, Map.of("audienceLevels", List.of("PRIMARY_SCHOOL")),
                ids -> ids.containsAll(List.of(inBrand, outside)) && !ids.contains(second));

        // The brand page: public, with its published works counted; managers visible to them and organizers only.
        var page = GraphQL.anonymous().run("""
                query($id: ID!) { brand(id: $id) { name nameEn ownerOrganization kind description
                  publishedWorkCount managerIds logo { mediaType } } }""", Map.of("id", brand)).ok();
        assertThat(page.string("brand.description")).isEqualTo("物理所科普视频，每周更新");
        assertThat(page.<Integer>data("brand.publishedWorkCount")).isEqualTo(2);
        assertThat(page.<Object>data("brand.managerIds")).isNull();
        assertThat(page.<Object>data("brand.logo")).isNull();
        var listed = GraphQL.anonymous().run("""
                query($q: String) { brands(query: $q, first: 5) { edges { node { id name } } } }""",
                Map.of("q", "iop science videos " + tag)).ok();
        assertThat(listed.<List<String>>data("brands.edges.node.id")).containsExactly(brand);
        var work = GraphQL.anonymous().run("query($id: ID!) { work(id: $id) { brand { id ownerOrganization } } }",
                Map.of("id", second)).ok();
        assertThat(work.string("work.brand.ownerOrganization")).isEqualTo("中国科学院物理研究所");
    }

    /**
     * Issue 11 (brands): creating and editing a brand is audited like other organizer actions (brandLog names the
     * fields an update changed); a brand's logo is a file of a work and leaves every public brand page when that work
     * is taken down (organizers still see it).
     */
    @Test
    void brandEditsAreAuditedAndALogoLeavesPublicPagesWithItsWork() {
        GraphQL organizer = GraphQL.as("organizer1");
        String work = GraphQL.as("entrant1").run(CREATE_WORK, Map.of("input", workInput("品牌标志来源", "", List.of())))
                .ok().string("createWork.id");
        UUID owner = UUID.fromString(GraphQL.as("entrant1").run("{ me { id } }").ok().string("me.id"));
        UUID asset = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager().createNativeQuery("""
                        insert into media_asset (id, work_id, owner_id, object_key, file_name, mime_type, size_bytes,
                                                 sha256, width, height, created_at)
                        values (?1, ?2, ?3, ?4, 'logo.jpg', 'image/jpeg', 1000, ?5, 800, 800, now())""")
                .setParameter(1, asset).setParameter(2, UUID.fromString(work)).setParameter(3, owner)
                .setParameter(4, "originals/" + work + "/" + asset).setParameter(5, "0".repeat(64)).executeUpdate());
        try {
            publish(work);
            Map<String, Object> input = new HashMap<>(Map.of("name", "标志品牌 " + UUID.randomUUID(),
                    "ownerOrganization", "中国科普研究所", "kind", "COLUMN", "logoAssetId", asset.toString()));
            String brand = organizer.run(CREATE_BRAND, Map.of("input", input)).ok().string("createBrand.id");
            input.put("description", "每月一期");
            organizer.run(UPDATE_BRAND, Map.of("id", brand, "version", 0, "input", input)).ok();

            var log = organizer.run("query($id: ID!) { brandLog(brandId: $id) { action detail actor } }",
                    Map.of("id", brand)).ok();
            assertThat(log.<List<String>>data("brandLog.action")).containsExactly("BRAND_UPDATED", "BRAND_CREATED");
            assertThat(log.<List<String>>data("brandLog.detail").getFirst()).isEqualTo("修改了简介");
            assertThat(organizer.acceptLanguage("en").run("query($id: ID!) { brandLog(brandId: $id) { detail } }",
                    Map.of("id", brand)).ok().<List<String>>data("brandLog.detail").getFirst())
                    .isEqualTo("changed description");
            assertThat(log.<List<String>>data("brandLog.actor")).doesNotContainNull();
            assertThat(GraphQL.as("entrant1").run("query($id: ID!) { brandLog(brandId: $id) { action } }",
                    Map.of("id", brand)).errorCode()).isEqualTo("FORBIDDEN");

            String logo = "query($id: ID!) { brand(id: $id) { logo { mediaType } } }";
            assertThat(GraphQL.anonymous().run(logo, Map.of("id", brand)).ok().string("brand.logo.mediaType"))
                    .isEqualTo("IMAGE");
            organizer.run("mutation($id: ID!) { unpublishWork(id: $id, reason: \"权利投诉\") { id } }",
                    Map.of("id", work)).ok();
            assertThat(GraphQL.anonymous().run(logo, Map.of("id", brand)).ok().<Object>data("brand.logo"))
                    .as("the logo of a taken-down work, publicly").isNull();
            assertThat(GraphQL.as("media1").run(logo, Map.of("id", brand)).ok().<Object>data("brand.logo")).isNull();
            assertThat(organizer.run(logo, Map.of("id", brand)).ok().string("brand.logo.mediaType"))
                    .as("organizers still see what the brand points at").isEqualTo("IMAGE");

            // The edit screen reads the logo's file id back (editors only), so saving a brand keeps its logo, even
            // when a manager saves it who may not see the (now taken-down) work the logo comes from.
            String logoId = "query($id: ID!) { brand(id: $id) { logoAssetId } }";
            assertThat(organizer.run(logoId, Map.of("id", brand)).ok().string("brand.logoAssetId"))
                    .isEqualTo(asset.toString());
            assertThat(GraphQL.anonymous().run(logoId, Map.of("id", brand)).ok().<Object>data("brand.logoAssetId"))
                    .isNull();
            var manager = Contests.register("logo-manager", "ENTRANT", "中国科普研究所", "BEIJING");
            input.put("managerIds", List.of(manager.id()));
            organizer.run(UPDATE_BRAND, Map.of("id", brand, "version", 1, "input", input)).ok();
            input.remove("managerIds");
            input.put("description", "每周一期");
            manager.client().run(UPDATE_BRAND, Map.of("id", brand, "version", 2, "input", input)).ok();
            assertThat(manager.client().run(logoId, Map.of("id", brand)).ok().string("brand.logoAssetId"))
                    .isEqualTo(asset.toString());
            input.put("logoAssetId", UUID.randomUUID().toString());
            assertThat(manager.client().run(UPDATE_BRAND, Map.of("id", brand, "version", 3, "input", input))
                    .errorField()).as("another file the manager cannot use").isEqualTo("input.logoAssetId");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager()
                    .createNativeQuery("delete from media_asset where id = ?1").setParameter(1, asset).executeUpdate());
        }
    }

    @Test
    void onlyOrganizersCreateBrandsAndAnUnknownBrandIsNotFound() {
        Map<String, Object> input = Map.of("name", "品牌", "ownerOrganization", "某学会", "kind", "COLUMN");
        assertThat(GraphQL.as("entrant1").run(CREATE_BRAND, Map.of("input", input)).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(GraphQL.anonymous().run("{ brand(id: \"00000000-0000-0000-0000-00000000beef\") { id } }")
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(GraphQL.as("entrant1").run(CREATE_WORK, Map.of("input", workInput("x",
                "00000000-0000-0000-0000-00000000beef", List.of()))).errorCode()).isEqualTo("NOT_FOUND");
    }

    private static Map<String, Object> workInput(String title, String brandId, List<String> audiences) {
        Map<String, Object> input = new HashMap<>(Map.of("kind", "SHORT_VIDEO", "title", title, "topics",
                List.of("GENERAL_SCIENCE"), "region", "BEIJING", "creators", List.of(Map.of("name", "科普作者")),
                "licence", "CC_BY_4_0", "audienceLevels", audiences));
        input.put("brandId", brandId);
        return input;
    }

    private static void publish(String... works) {
        for (String work : works) {
            QuarkusTransaction.requiringNew().run(() -> Work.update("status = ?1, publishedAt = ?2 where id = ?3",
                    WorkStatus.PUBLISHED, Instant.now(), UUID.fromString(work)));
        }
    }
}
