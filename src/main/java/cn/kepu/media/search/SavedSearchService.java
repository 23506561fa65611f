package cn.kepu.media.search;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Media outlets' saved searches: a name, searchWorks' query and filter (kept as JSON, read back by
 * {@link SearchService#matchSaved}), and whether new matches are mailed ({@link SavedSearchAlerts}). Each outlet sees
 * and changes only its own; someone else's is NOT_FOUND.
 */
@ApplicationScoped
@Transactional
public class SavedSearchService {

    /** Most saved searches one account may keep. */
    public static final int MAX_PER_ACCOUNT = 50;
    static final int MAX_QUERY_CHARS = 200;

    private final Caller caller;
    private final Clock clock;

    public SavedSearchService(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    /** The caller's saved searches, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SavedSearch> mine() {
        Account me = requireOutlet();
        return SavedSearch.<SavedSearch>find("accountId = ?1 order by createdAt, id", me.id).list();
    }

    /**
     * Creates ({@code id} null) or replaces one of the caller's saved searches.
     *
     * @param filterJson the filter as searchWorks takes it, serialised by the API layer ({@code {}} for none)
     */
    public SavedSearch save(String id, String name, String query, String filterJson, boolean alerts) {
        Account me = requireOutlet();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw ApiException.validation("input.name", Msg.of("search.saved.name", 1, 100));
        }
        String cleanQuery = query == null ? "" : query.strip();
        if (cleanQuery.length() > MAX_QUERY_CHARS) {
            throw ApiException.validation("input.query", Msg.of("search.query.tooLong", MAX_QUERY_CHARS));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SavedSearch search;
        if (id == null) {
            if (SavedSearch.count("accountId", me.id) >= MAX_PER_ACCOUNT) {
                throw ApiException.validation("input", Msg.of("search.saved.tooMany", MAX_PER_ACCOUNT));
            }
            search = new SavedSearch();
            search.id = UUID.randomUUID();
            search.accountId = me.id;
            search.createdAt = now;
        } else {
            search = own(id, me);
        }
        search.name = cleanName;
        search.query = cleanQuery;
        search.filter = filterJson == null || filterJson.isBlank() ? "{}" : filterJson;
        search.alerts = alerts;
        search.updatedAt = now;
        search.persist();
        return search;
    }

    /** Deletes one of the caller's saved searches; returns its id. */
    public String delete(String id) {
        Account me = requireOutlet();
        SavedSearch search = own(id, me);
        search.delete();
        return search.id.toString();
    }

    private SavedSearch own(String id, Account me) {
        SavedSearch search = SavedSearch.findById(Ids.parse(id, "id"));
        if (search == null || !search.accountId.equals(me.id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "id", Msg.of("search.saved.notFound", id));
        }
        return search;
    }

    private Account requireOutlet() {
        caller.requireAny(Role.MEDIA);
        return caller.requireAccount();
    }
}
