package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.Messages;
import graphql.GraphQLContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language a GraphQL caller reads errors in, from what SmallRye GraphQL puts into the execution's context:
 * over graphql-ws first the {@code connection_init} payload ({@code locale} or {@code Accept-Language}, since a
 * browser cannot set headers on a WebSocket), then the HTTP request's (or the WebSocket upgrade's)
 * {@code Accept-Language}. Chinese unless English is asked for.
 */
public final class CallerLanguage {

    /** Where SmallRye puts the request headers (name to values) for HTTP and for the WebSocket upgrade. */
    static final String HTTP_HEADERS = "httpHeaders";
    /** Where SmallRye puts the graphql-ws {@code connection_init} payload. */
    static final String INIT_PAYLOAD = "init-payload";

    private CallerLanguage() {
    }

    /** The language of the caller whose field is being resolved (for texts a resolver renders, not only errors). */
    public static Locale of(io.smallrye.graphql.api.Context context) {
        if (context == null) {
            return Messages.CHINESE;
        }
        try {
            return of(context.unwrap(graphql.schema.DataFetchingEnvironment.class).getGraphQlContext());
        } catch (RuntimeException e) {
            // Outside a field's resolution there is no caller to ask.
            return Messages.CHINESE;
        }
    }

    static Locale of(GraphQLContext context) {
        if (context == null) {
            return Messages.CHINESE;
        }
        if (context.get(INIT_PAYLOAD) instanceof Map<?, ?> payload) {
            for (var entry : payload.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if ((key.equalsIgnoreCase("locale") || key.equalsIgnoreCase("Accept-Language")
                        || key.equalsIgnoreCase("acceptLanguage")) && text(entry.getValue()) instanceof String value) {
                    return Messages.fromAcceptLanguage(value.replace('_', '-'));
                }
            }
        }
        if (context.get(HTTP_HEADERS) instanceof Map<?, ?> headers) {
            for (var entry : headers.entrySet()) {
                if ("Accept-Language".equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                    Object values = entry.getValue();
                    String header = values instanceof List<?> list
                            ? String.join(",", list.stream().map(String::valueOf).toList())
                            : String.valueOf(values);
                    return Messages.fromAcceptLanguage(header);
                }
            }
        }
        return Messages.CHINESE;
    }

    /** The payload arrives as JSON-P values ({@code JsonString}), not as Java strings. */
    private static String text(Object value) {
        return switch (value) {
            case jakarta.json.JsonString json -> json.getString();
            case String string -> string;
            case null, default -> null;
        };
    }
}
