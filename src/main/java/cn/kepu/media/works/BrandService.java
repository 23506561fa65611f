package cn.kepu.media.works;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

/**
 * Brands and series (网络科普品牌): public page data, managed by organizers and by the accounts organizers name as
 * the brand's managers (members of its owner organisation). Who may file a work under a brand is decided here too.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BrandService {

    private final Caller caller;
    private final Clock clock;
    private final AssetPreviews assets;
    private final AuditLog audit;

    public BrandService(Caller caller, Clock clock, AssetPreviews assets, AuditLog audit) {
        this.caller = caller;
        this.clock = clock;
        this.assets = assets;
        this.audit = audit;
    }

    /** Brands are public: anyone may read them. @throws ApiException NOT_FOUND for unknown ids */
    public Brand get(String id) {
        Brand brand = Brand.findById(Ids.parse(id, "id"));
        if (brand == null) {
            throw ApiException.notFound("Brand", id);
        }
        return brand;
    }

    public Map<UUID, Brand> byIds(Collection<UUID> ids) {
        Map<UUID, Brand> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Brand.<Brand>list("id in ?1", Set.copyOf(ids)).forEach(b -> found.put(b.id, b));
        }
        return found;
    }

    /**
     * Newest first, keyset-paged.
     *
     * @param query        matches the Chinese or English name, case-insensitively, anywhere in it
     * @param organization the owner organisation, exactly
     */
    public Page<Brand> list(String query, String organization, List<BrandKind> kinds, PageRequest page) {
        var where = new ArrayList<String>();
        var params = new Parameters();
        if (query != null && !query.isBlank()) {
            where.add("(lower(b.name) like :q or lower(coalesce(b.nameEn, '')) like :q)");
            params.and("q", "%" + escapeLike(query.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (organization != null && !organization.isBlank()) {
            where.add("b.ownerOrganization = :org");
            params.and("org", organization.strip());
        }
        if (kinds != null && !kinds.isEmpty()) {
            where.add("b.kind in :kinds");
            params.and("kinds", kinds);
        }
        page.after().ifPresent(cursor -> {
            where.add("(b.createdAt < :afterAt or (b.createdAt = :afterAt and b.id < :afterId))");
            params.and("afterAt", cursor.at()).and("afterId", cursor.id());
        });
        String query2 = "from Brand b where " + (where.isEmpty() ? "1 = 1" : String.join(" and ", where))
                + " order by b.createdAt desc, b.id desc";
        List<Brand> rows = page.first() == 0 ? List.of()
                : Brand.<Brand>find(query2, params).withHint(HibernateHints.HINT_READ_ONLY, true)
                        .range(0, page.first()).list();
        return Page.fromOverfetched(rows, page.first(), -1);
    }

    @Transactional
    public Brand create(BrandInput input) {
        caller.requireAny(Role.ORGANIZER);
        Account me = caller.requireAccount();
        Brand brand = new Brand();
        brand.id = UUID.randomUUID();
        brand.createdBy = me.id;
        brand.createdAt = now();
        apply(input, brand, true);
        brand.persist();
        audit.record(null, "BRAND_CREATED", "Brand", brand.id,
                Msg.of("works.audit.brandCreated", brand.name, brand.ownerOrganization));
        return brand;
    }

    /** Organizers and the brand's managers; only organizers change the managers. */
    @Transactional
    public Brand update(String id, long expectedVersion, BrandInput input) {
        caller.requireAny(Role.ORGANIZER, Role.ENTRANT, Role.MEDIA);
        Brand brand = get(id);
        boolean organizer = caller.has(Role.ORGANIZER);
        if (!organizer && !brand.managedBy(caller.accountId().orElse(null))) {
            throw ApiException.forbidden(Msg.of("works.brand.notManager", id));
        }
        if (brand.version != expectedVersion) {
            throw ApiException.conflict("version", Msg.of("works.brand.version", id, brand.version,
                    expectedVersion));
        }
        List<Object> before = auditedFields(brand);
        apply(input, brand, organizer);
        List<Object> after = auditedFields(brand);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < AUDITED_FIELDS.size(); i++) {
            if (!java.util.Objects.equals(before.get(i), after.get(i))) {
                changed.add(AUDITED_FIELDS.get(i));
            }
        }
        audit.record(null, "BRAND_UPDATED", "Brand", brand.id, changed.isEmpty() ? Msg.of("works.audit.brandUnchanged")
                : Msg.of("works.audit.brandChanged", fieldList(changed)));
        Brand.getEntityManager().flush();
        return brand;
    }

    /**
     * Checks that the caller may file a work under the brand: organizers may file any work, others only under a
     * brand they manage. @throws ApiException NOT_FOUND (unknown brand), FORBIDDEN
     */
    public Brand requireFilable(String brandId, String field) {
        Brand brand = Brand.findById(Ids.parse(brandId, field));
        if (brand == null) {
            throw ApiException.notFound("Brand", brandId);
        }
        if (!caller.has(Role.ORGANIZER) && !brand.managedBy(caller.accountId().orElse(null))) {
            throw new ApiException(cn.kepu.media.shared.error.ErrorCode.FORBIDDEN, field,
                    Msg.of("works.brand.notManager", brandId));
        }
        return brand;
    }

    /**
     * Public works per brand, for brand pages: the works everyone may see ({@link WorkVisibility#publicAt}), so a
     * work approved for a later release is not counted before it shows. One query.
     */
    public Map<UUID, Long> publishedWorkCounts(Collection<UUID> brandIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (brandIds.isEmpty()) {
            return counts;
        }
        Map<String, Object> params = new HashMap<>();
        String visible = WorkVisibility.publicAt(clock.instant()).hql("w", params::put).orElseThrow();
        var query = Brand.getEntityManager()
                .createQuery("select w.brandId, count(w) from Work w where w.brandId in :ids and " + visible
                        + " group by w.brandId", Object[].class)
                .setParameter("ids", Set.copyOf(brandIds));
        params.forEach(query::setParameter);
        query.getResultList().forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** Whether the caller may see the brand's managers: organizers and the managers themselves. */
    public boolean mayViewManagers(Brand brand) {
        return caller.has(Role.ORGANIZER) || brand.managedBy(caller.accountId().orElse(null));
    }

    /** The fields an update's audit event names when they change, in this order. */
    private static final List<String> AUDITED_FIELDS = List.of("name", "nameEn", "ownerOrganization", "kind",
            "description", "descriptionEn", "logoAssetId", "managerIds");

    /** The changed fields' names, each in the reader's language. */
    private static List<Msg> fieldList(List<String> fields) {
        return fields.stream().map(field -> Msg.of("works.brandField." + field)).toList();
    }

    private static List<Object> auditedFields(Brand b) {
        return java.util.Arrays.asList(b.name, b.nameEn, b.ownerOrganization, b.kind, b.description, b.descriptionEn,
                b.logoAssetId, List.of(b.managerIds));
    }

    /**
     * The logos the caller may see, by brand id: a logo is a file of a work, shown only while that work is public
     * (published, released, not taken down) or to whoever may see the work anyway ({@link WorkVisibility}: staff, its
     * owner), the same rule that decides which file may become a logo. So a takedown or an unpublished work takes its image off every
     * brand page at once; a signed rendition URL handed out before lives until its expiry (one to two URL buckets).
     */
    public Map<UUID, WorkThumbnails.Preview> logos(Collection<Brand> brands) {
        List<UUID> assetIds = brands.stream().map(b -> b.logoAssetId).filter(java.util.Objects::nonNull).distinct()
                .toList();
        if (assetIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, AssetPreviews.AssetPreview> previews = assets.previewsOfAssets(assetIds);
        Set<UUID> workIds = new java.util.HashSet<>();
        previews.values().forEach(p -> workIds.add(p.workId()));
        Map<UUID, Work> works = new HashMap<>();
        if (!workIds.isEmpty()) {
            Work.<Work>list("id in ?1", workIds).forEach(w -> works.put(w.id, w));
        }
        WorkVisibility visibility = WorkVisibility.of(caller, clock.instant());
        Map<UUID, WorkThumbnails.Preview> visible = new HashMap<>();
        for (Brand brand : brands) {
            AssetPreviews.AssetPreview preview = brand.logoAssetId == null ? null : previews.get(brand.logoAssetId);
            Work work = preview == null ? null : works.get(preview.workId());
            if (work != null && visibility.allows(work)) {
                visible.put(brand.id, preview.preview());
            }
        }
        return visible;
    }

    private void apply(BrandInput input, Brand brand, boolean organizer) {
        brand.name = input.name().strip();
        brand.nameEn = blankToNull(input.nameEn());
        brand.ownerOrganization = input.ownerOrganization().strip();
        brand.kind = input.kind();
        brand.description = input.description() == null ? "" : input.description().strip();
        brand.descriptionEn = blankToNull(input.descriptionEn());
        brand.logoAssetId = logo(input.logoAssetId(), brand.logoAssetId);
        if (organizer && input.managerIds() != null) {
            Set<UUID> managers = new LinkedHashSet<>();
            for (int i = 0; i < input.managerIds().size(); i++) {
                managers.add(Ids.parse(input.managerIds().get(i), "input.managerIds[" + i + "]"));
            }
            long known = managers.isEmpty() ? 0 : Account.count("id in ?1", managers);
            if (known != managers.size()) {
                throw ApiException.validation("input.managerIds", Msg.of("works.brand.unknownManager"));
            }
            brand.managerIds = managers.toArray(UUID[]::new);
        }
        brand.updatedAt = now();
    }

    /**
     * The logo must be a verified image of a work the caller may see; the brand's current logo stays whoever edits
     * (a manager keeps the logo an organizer chose from a work the manager cannot see).
     */
    private UUID logo(String assetId, UUID current) {
        if (assetId == null || assetId.isBlank()) {
            return null;
        }
        UUID id = Ids.parse(assetId, "input.logoAssetId");
        if (id.equals(current)) {
            return id;
        }
        AssetPreviews.AssetPreview found = assets.previewsOfAssets(List.of(id)).get(id);
        if (found == null || found.preview().mediaType() != WorkThumbnails.MediaType.IMAGE) {
            throw ApiException.validation("input.logoAssetId", Msg.of("works.brand.logo", assetId));
        }
        Work work = Work.findById(found.workId());
        if (work == null || !WorkVisibility.of(caller, clock.instant()).allows(work)) {
            throw ApiException.validation("input.logoAssetId", Msg.of("works.brand.logo", assetId));
        }
        return id;
    }

    /** Wildcards in what the user typed are taken literally by dropping them: names rarely contain them. */
    private static String escapeLike(String text) {
        return text.replace("%", "").replace("_", "");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
