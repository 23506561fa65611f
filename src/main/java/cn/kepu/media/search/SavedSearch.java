package cn.kepu.media.search;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A media outlet's saved search: searchWorks' query and filter under a name, with alerts on new matches. */
@Entity
@Table(name = "saved_search")
public class SavedSearch extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String name;

    /** The text as typed; empty for a filter-only search. */
    @Column(nullable = false)
    public String query;

    /** The filter as searchWorks takes it, as JSON ({@code {}} for none). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String filter;

    /** Whether newly published works that match are mailed (notification kind SAVED_SEARCH_ALERT). */
    @Column(nullable = false)
    public boolean alerts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
