package cn.kepu.media.shared.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Msg} kept in a store and rendered when it is read, in the reader's language: {@code {"key": "…",
 * "args": [480, "image/png", {"key": "…", "args": []}]}}. Arguments are numbers (read back as {@code Long} or
 * {@code Double}), texts, or nested messages (translated with the outer one); anything else is kept as its text.
 * Storing the key and arguments rather than rendered texts keeps a stored verdict readable in either language (and in
 * any improved wording) without a column per language.
 */
public final class MsgJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MsgJson() {
    }

    public static String write(Msg msg) {
        return node(msg).toString();
    }

    /** The message stored by {@link #write}; an unreadable value is an {@link IllegalArgumentException}. */
    public static Msg read(String json) {
        try {
            return msg(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a stored message: " + json, e);
        }
    }

    private static ObjectNode node(Msg msg) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", msg.key());
        ArrayNode args = node.putArray("args");
        for (Object arg : msg.args()) {
            switch (arg) {
                case null -> args.addNull();
                case Msg nested -> args.add(node(nested));
                case Integer i -> args.add(i.longValue());
                case Long l -> args.add(l);
                case Short s -> args.add(s.longValue());
                case Double d -> args.add(d);
                case Float f -> args.add(f.doubleValue());
                case Enum<?> e -> args.add(e.name());
                default -> args.add(String.valueOf(arg));
            }
        }
        return node;
    }

    private static Msg msg(JsonNode node) {
        if (!node.path("key").isTextual()) {
            throw new IllegalArgumentException("a stored message has no key: " + node);
        }
        List<Object> args = new ArrayList<>();
        for (JsonNode arg : node.path("args")) {
            if (arg.isObject()) {
                args.add(msg(arg));
            } else if (arg.isIntegralNumber()) {
                args.add(arg.longValue());
            } else if (arg.isNumber()) {
                args.add(arg.doubleValue());
            } else if (arg.isNull()) {
                args.add(null);
            } else {
                args.add(arg.asText());
            }
        }
        return new Msg(node.get("key").asText(), args.toArray());
    }
}
