package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import java.util.Optional;

/**
 * A lexical pass over the raw document, before it is parsed: counts its tokens, fragment definitions and fragment
 * spreads with a hand-written scanner (one pass over the characters, no allocation; the body is at most
 * {@code max-body-bytes}) and refuses a document over a limit without building a syntax tree. Parsing with graphql-java's ANTLR parser costs
 * about a hundred times more per token, so a document made to be refused (hundreds of fragments under the token limit)
 * now costs microseconds instead of a parse; {@link DocumentCost} then bounds what only the tree shows (expanded
 * size, aliases, depth, top-level fields).
 *
 * <p>The counts follow the GraphQL grammar: comments ({@code #} to the end of the line), commas and white space are
 * ignored; strings and block strings are single tokens (their content is never counted); a fragment definition is the
 * name {@code fragment} outside every brace and parenthesis (its own name, which may also be {@code fragment}, is
 * skipped); a spread is {@code ...} followed by a name other than {@code on} (inline fragments are not spreads). So a
 * document refused here would be refused by the parser or by {@link DocumentCost} too, only later.
 */
final class DocumentScan {

    private DocumentScan() {
    }

    /** Empty when the document is within the token, fragment and spread limits (it may still be invalid). */
    static Optional<DocumentCost.Refusal> check(String text, GraphQLLimits limits) {
        int tokens = 0;
        int fragments = 0;
        int spreads = 0;
        int depth = 0;
        boolean fragmentNameNext = false;
        boolean afterEllipsis = false;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < length && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            tokens++;
            boolean ellipsis = false;
            if (c == '"') {
                i = skipString(text, i);
            } else if (c == '.' && text.startsWith("...", i)) {
                ellipsis = true;
                i += 3;
            } else if (isNameStart(c)) {
                int start = i;
                while (i < length && isNamePart(text.charAt(i))) {
                    i++;
                }
                boolean on = i - start == 2 && text.startsWith("on", start);
                if (afterEllipsis && !on) {
                    spreads++;
                } else if (fragmentNameNext) {
                    fragmentNameNext = false;
                } else if (depth == 0 && i - start == 8 && text.startsWith("fragment", start)) {
                    fragmentNameNext = true;
                    fragments++;
                }
            } else {
                if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                    depth--;
                }
                // Numbers and other punctuators: one token per character is an upper bound that only matters for the
                // token limit, where the parser counts a number as one token; so skip a number whole.
                i = c == '-' || (c >= '0' && c <= '9') ? skipNumber(text, i) : i + 1;
            }
            afterEllipsis = ellipsis;
        }
        if (tokens > limits.maxTokens()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.tokens", limits.maxTokens()));
        }
        if (fragments > limits.maxFragments()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.fragments", fragments, limits.maxFragments()));
        }
        if (spreads > limits.maxFragmentSpreads()) {
            return refuse(ErrorCode.QUERY_TOO_LARGE, Msg.of("shared.limit.spreads", spreads,
                    limits.maxFragmentSpreads()));
        }
        return Optional.empty();
    }

    /** Index after the string or block string starting at {@code i} (or the end of the text if it never closes). */
    private static int skipString(String text, int i) {
        int length = text.length();
        if (text.startsWith("\"\"\"", i)) {
            i += 3;
            while (i < length) {
                if (text.charAt(i) == '\\' && text.startsWith("\\\"\"\"", i)) {
                    i += 4;
                } else if (text.startsWith("\"\"\"", i)) {
                    return i + 3;
                } else {
                    i++;
                }
            }
            return length;
        }
        i++;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"' || c == '\n' || c == '\r') {
                return i + 1;
            } else {
                i++;
            }
        }
        return length;
    }

    private static int skipNumber(String text, int i) {
        int length = text.length();
        i++;
        while (i < length) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' && !text.startsWith("...", i) || c == 'e' || c == 'E' || c == '+'
                    || c == '-') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static Optional<DocumentCost.Refusal> refuse(ErrorCode code, Msg msg) {
        return Optional.of(new DocumentCost.Refusal(code, msg));
    }
}
