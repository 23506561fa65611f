package cn.kepu.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrated schema uses the column types the entity mapping binds. Hibernate maps a {@code String[]} attribute as
 * {@code varchar[]} and casts array parameters to it ({@code array_contains(w.tags, :tag)} renders
 * {@code tags @> cast(array[?] as varchar[])}); PostgreSQL has no {@code text[] @> varchar[]}, so a {@code text[]}
 * column turns every such filter into INTERNAL (it did for {@code works(filter: {tag})}). Declare string arrays as
 * {@code varchar[]} in migrations.
 */
@QuarkusTest
class SchemaTypesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noColumnIsATextArray() throws SQLException {
        List<String> textArrays = new ArrayList<>();
        List<String> otherArrays = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rows = c.createStatement().executeQuery("""
                        select table_name || '.' || column_name, udt_name from information_schema.columns
                        where table_schema = current_schema() and data_type = 'ARRAY'
                        order by 1""")) {
            while (rows.next()) {
                (rows.getString(2).equals("_text") ? textArrays : otherArrays).add(rows.getString(1));
            }
        }
        assertThat(otherArrays).as("string arrays the entities map").contains("work.tags", "account.granted_roles");
        assertThat(textArrays).as("text[] columns (declare them varchar[])").isEmpty();
    }
}
