package cn.kepu.media.search;

import cn.kepu.media.search.text.AnalysedQuery;
import cn.kepu.media.search.text.QueryAnalyser;
import cn.kepu.media.search.text.Synonyms;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Query analysis with this deployment's data: the curated synonym set ({@code schema/elasticsearch/synonyms.txt}, or
 * the file {@code kepu.search.synonyms-file} names) and the topic names from PostgreSQL. Both are read once, on
 * first use: a changed synonym file takes effect at the next start, without a reindex.
 */
@ApplicationScoped
public class SearchText {

    private static final Logger LOG = Logger.getLogger(SearchText.class);

    private final AgroalDataSource dataSource;
    private final SearchConfig config;
    private volatile QueryAnalyser analyser;

    public SearchText(AgroalDataSource dataSource, SearchConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public AnalysedQuery analyse(String text) {
        return analyser().analyse(text);
    }

    /** Other readings a relaxed search also tries (spelling corrected, word by word). */
    public List<AnalysedQuery> readings(AnalysedQuery query) {
        return analyser().readings(query);
    }

    /** The query read word by word (compound concepts split into their words, each with its own synonyms). */
    public AnalysedQuery wordByWord(AnalysedQuery query) {
        return analyser().wordByWord(query);
    }

    private QueryAnalyser analyser() {
        QueryAnalyser current = analyser;
        if (current == null) {
            synchronized (this) {
                if (analyser == null) {
                    Synonyms synonyms = synonyms();
                    analyser = new QueryAnalyser(synonyms, topicNames());
                    LOG.infof("Search synonyms: %d names in groups", synonyms.groups());
                }
                current = analyser;
            }
        }
        return current;
    }

    private Synonyms synonyms() {
        if (config.synonymsFile().isPresent()) {
            try {
                return Synonyms.parse(Files.readString(Path.of(config.synonymsFile().get()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Synonyms.fromClasspath("elasticsearch/synonyms.txt");
    }

    private Map<String, List<String>> topicNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select code, name_zh, name_en from topic");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.put(rows.getString(1), List.of(rows.getString(2), rows.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Topic names could not be read", e);
        }
        return names;
    }
}
