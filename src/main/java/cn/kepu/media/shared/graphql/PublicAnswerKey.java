package cn.kepu.media.shared.graphql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What identifies an anonymous answer for {@link PublicAnswerCache}: everything the answer can depend on, and nothing
 * else. Two requests get the same key only if SmallRye GraphQL would answer them alike: the same document text (the
 * text the gate parsed and checked, as sent), operation name, variables and extensions (as canonical JSON: members
 * sorted, numbers exactly as written, strings by value), answer language (from {@code Accept-Language}, as resolvers
 * read it) and {@code Accept} header (it picks the response's content type and charset).
 *
 * <p>Canonical JSON only merges spellings of the same value: {@code {"b":1,"a":2}} and {@code {"a":2,"b":1}} are one
 * input to GraphQL (variables are looked up by name), but {@code 1} and {@code 1.0} stay apart (coercion may tell them
 * apart), and {@code null} stays apart from an absent member (GraphQL does).
 */
final class PublicAnswerKey {

    private static final JsonFactory JSON = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();
    /** Nesting accepted in variables before giving up on the request (it is then just not cached). */
    private static final int MAX_DEPTH = 64;

    /** The variables and extensions of a JSON request body, each as canonical JSON ({@code {}} when absent or null). */
    record Inputs(String variables, String extensions) {
        static final Inputs NONE = new Inputs("{}", "{}");
    }

    private PublicAnswerKey() {
    }

    /**
     * The operation a request runs: the one named, or the only one; empty when the name matches none or the document
     * has several and names none (SmallRye answers those with an error, never cached).
     */
    static Optional<OperationDefinition> operation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null || operationName.isEmpty()) {
            return operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty();
        }
        return operations.stream().filter(o -> operationName.equals(o.getName())).findFirst();
    }

    /**
     * The canonical variables and extensions of a JSON body; empty when the body is not a JSON object, has trailing
     * content, or carries variables or extensions that are not objects (such requests are not cached: SmallRye refuses
     * or reads them in ways not worth modelling here).
     */
    static Optional<Inputs> inputs(String body) {
        if (body == null) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String variables = "{}";
            String extensions = "{}";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("variables") || name.equals("extensions")) {
                    String canonical;
                    if (value == JsonToken.VALUE_NULL) {
                        canonical = "{}";
                    } else if (value == JsonToken.START_OBJECT) {
                        StringBuilder out = new StringBuilder();
                        canonical(parser, out, 0);
                        canonical = out.toString();
                    } else {
                        return Optional.empty();
                    }
                    if (name.equals("variables")) {
                        variables = canonical;
                    } else {
                        extensions = canonical;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(new Inputs(variables, extensions));
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The value at the parser's current token as canonical JSON. */
    private static void canonical(JsonParser parser, StringBuilder out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("nested too deeply");
        }
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                // Last member wins for a repeated name, as in the JSON readers of Vert.x and SmallRye.
                Map<String, String> members = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    StringBuilder value = new StringBuilder();
                    canonical(parser, value, depth + 1);
                    members.put(name, value.toString());
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, String> member : members.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(member.getKey(), out);
                    out.append(':').append(member.getValue());
                }
                out.append('}');
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    canonical(parser, out, depth + 1);
                }
                out.append(']');
            }
            case VALUE_STRING -> quote(parser.getText(), out);
            // The number as written: 1, 1.0 and 1e0 may coerce differently, so they are different inputs here.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> out.append(parser.getText());
            default -> throw new IllegalStateException("unexpected " + parser.currentToken());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }

    /** SHA-256 over the parts, each length-prefixed so that no two different lists of parts run together alike. */
    static String of(String document, String operationName, Inputs inputs, Locale language, String accept) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String part : new String[] {document, operationName, inputs.variables(), inputs.extensions(),
                language.toLanguageTag(), accept}) {
            if (part == null) {
                sha.update((byte) 0);
                continue;
            }
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update((byte) 1);
            sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
            sha.update(bytes);
        }
        return HEX.formatHex(sha.digest());
    }
}
