package cn.kepu.media.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lexical pre-count refuses what {@link DocumentCost} would refuse after a parse (fragments, spreads, tokens), never
 * an honest document, and costs a small fraction of the parse it saves (measured here, in the same run).
 */
class DocumentScanTest {

    static final GraphQLLimits LIMITS = DefaultLimits.withTimeBudget(Duration.ofSeconds(10));

    /** The 300-fragment chain of deploy/bench/hostile-documents.sh: the largest document the token limit lets in. */
    static String linearChain(int fragments) {
        return "query { ...L0 }\n" + IntStream.range(0, fragments)
                .mapToObj(i -> "fragment L" + i + " on Query { topics { code } ...L" + (i + 1) + " }\n")
                .collect(Collectors.joining()) + "fragment L" + fragments + " on Query { topics { code } }\n";
    }

    static Optional<DocumentCost.Refusal> parseThenCost(String text) {
        Document document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(text)
                .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(
                        o -> o.maxTokens(LIMITS.maxTokens()).captureSourceLocation(false))).build());
        return DocumentCost.check(document, null, LIMITS);
    }

    @Test
    void fragmentsOverTheLimitAreRefusedWithTheSameAnswerAsAfterParsing() {
        String hostile = linearChain(300);
        var early = DocumentScan.check(hostile, LIMITS);
        var late = parseThenCost(hostile);
        assertThat(early).isPresent();
        assertThat(early.get().code()).isEqualTo(ErrorCode.QUERY_TOO_LARGE);
        assertThat(early.get().msg().in(Messages.ENGLISH)).isEqualTo(late.orElseThrow().msg().in(Messages.ENGLISH))
                .contains("301 fragments");
    }

    @Test
    void spreadsAndTokensOverTheLimitAreRefused() {
        String spreads = "query { topics { ...T } } fragment T on Topic { code "
                + " ...U".repeat(201) + " } fragment U on Topic { code }";
        assertThat(DocumentScan.check(spreads, LIMITS)).get().extracting(r -> r.msg().key())
                .isEqualTo("shared.limit.spreads");
        assertThat(parseThenCost(spreads)).get().extracting(r -> r.msg().key()).isEqualTo("shared.limit.spreads");

        String tokens = "{ topics { " + "code ".repeat(5001) + "} }";
        assertThat(DocumentScan.check(tokens, LIMITS)).get().extracting(r -> r.msg().key())
                .isEqualTo("shared.limit.tokens");
    }

    @Test
    void honestDocumentsPassEvenWhenTheyMentionTheKeywords() {
        String honest = """
                # fragment A on Query ...B ...C (a comment is not counted)
                query Search($q: String = "fragment ...X ...Y", $first: Int = -1.5e3) {
                  works(first: 10, filter: {tag: \"""...on fragment\"""}) {
                    edges { node { ...Card ... on Work { id } ... @include(if: true) { title } } }
                  }
                }
                fragment Card on Work { id title creators { name } }
                """;
        assertThat(DocumentScan.check(honest, LIMITS)).isEmpty();
        String atTheLimits = linearChain(49) + "query Other { " + "topics { code } ".repeat(10) + "}";
        assertThat(DocumentScan.check(atTheLimits, LIMITS)).as("50 fragments are allowed").isEmpty();
        // A field may be called "fragment" (inside braces it is no definition), and so may a fragment.
        assertThat(DocumentScan.check("fragment fragment on Query { fragment } query { ...fragment }", LIMITS))
                .isEmpty();
    }

    @Test
    void countingCostsAFractionOfTheParseItSaves() {
        String hostile = linearChain(300);
        for (int i = 0; i < 200; i++) { // warm both paths up (JIT) before timing them
            DocumentScan.check(hostile, LIMITS);
            parseThenCost(hostile);
        }
        long scan = medianNanos(() -> DocumentScan.check(hostile, LIMITS));
        long parse = medianNanos(() -> parseThenCost(hostile));
        System.out.printf("300-fragment document (%d chars): refused by parse + DocumentCost in %.3f ms (before),"
                + " by DocumentScan in %.3f ms (after)%n", hostile.length(), parse / 1e6, scan / 1e6);
        assertThat(scan).as("scan %d ns vs parse %d ns", scan, parse).isLessThan(parse / 5);
    }

    private static long medianNanos(Runnable action) {
        long[] times = new long[101];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            action.run();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2];
    }
}
