package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns graphql-java's own messages (validation, coercion, parsing) into translated {@link Msg}s.
 *
 * <p>graphql-java writes its messages from English templates in its {@code i18n/*.properties} bundles. Rather than
 * keep a copy of each template, every template is read from graphql-java itself and turned into a pattern; a message
 * that matches one gives back the template's arguments, which our {@code shared.engine.<template key>} texts reuse in
 * Chinese or English. Enum errors get a message of their own that names the field and lists the allowed values (the
 * engine prints {@code EnumValue{name='VIDEO'}}). A message no template explains keeps its English detail inside a
 * translated "the query is invalid" sentence, so nothing reaches a client untranslated and without a hint.
 */
final class EngineMessages {

    /** Our own entries for the few runtime messages graphql-java formats with {@code String.format}. */
    private static final Map<String, String> RUNTIME_TEMPLATES = Map.of(
            "Variable.invalidValue", "Variable ''{0}'' has an invalid value: {1}",
            "Variable.coercedNull", "Variable ''{0}'' has coerced Null value for NonNull type ''{1}''",
            "Variable.fieldCoercedNull", "Field ''{0}'' of variable ''{1}'' has coerced Null value for NonNull type ''{2}''",
            "Variable.unknownField",
            "The variables input contains a field name ''{0}'' that is not defined for input object type ''{1}''");

    private static final List<Template> TEMPLATES = load();

    private static final Pattern ENGINE_VALUE = Pattern.compile("\\w+Value\\{(?:name|value)=('?)(.*?)\\1}");
    private static final Pattern VALIDATION_PREFIX = Pattern.compile("^Validation [eE]rror \\(([^)]*)\\) ?: ?");

    private record Template(String key, Pattern pattern, int arity, java.util.Set<Integer> used) {
    }

    private EngineMessages() {
    }

    /** The engine's message as a translatable message; never empty. */
    static Msg translate(String message, GraphQLSchema schema) {
        if (message == null || message.isBlank()) {
            return Msg.of("shared.query.invalid", "");
        }
        for (Template template : TEMPLATES) {
            Matcher matcher = template.pattern().matcher(message);
            if (matcher.matches()) {
                Object[] args = new Object[template.arity()];
                for (int n = 0; n < args.length; n++) {
                    args[n] = template.used().contains(n) ? plain(matcher.group("g" + n)) : "";
                }
                return fromTemplate(template.key(), args, schema)
                        .orElseGet(() -> Msg.of("shared.query.invalid", withoutPrefix(message)));
            }
        }
        return Msg.of("shared.query.invalid", withoutPrefix(message));
    }

    private static Optional<Msg> fromTemplate(String key, Object[] args, GraphQLSchema schema) {
        // Template arguments are numbered as in graphql-java's bundles; {0} of a validation message is its
        // "Type@[path]" prefix, which the error's locations and path already carry.
        return switch (key) {
            // The enum and scalar templates have the same text: the schema type named in {3} tells them apart.
            case "ArgumentValidationUtil.handleEnumError", "ArgumentValidationUtil.handleEnumErrorCustomMessage",
                 "ArgumentValidationUtil.handleScalarError", "ArgumentValidationUtil.handleScalarErrorCustomMessage" ->
                schema != null && schema.getType(String.valueOf(args[3])) instanceof GraphQLEnumType
                        ? Optional.of(badEnum(String.valueOf(args[1]), String.valueOf(args[2]), String.valueOf(args[3]),
                                schema))
                        : Optional.of(Msg.of("shared.engine.ArgumentValidationUtil.handleScalarError", args[0], args[1],
                                args[2], args[3]));
            case "Enum.badInput", "Enum.badName", "Enum.unallowableValue" ->
                Optional.of(badEnum(null, String.valueOf(args[1]), String.valueOf(args[0]), schema));
            case "Variable.invalidValue" -> Optional.of(Msg.of("shared.engine.Variable.invalidValue", args[0],
                    translate(String.valueOf(args[1]), schema)));
            default -> Messages.has("shared.engine." + key)
                    ? Optional.of(Msg.of("shared.engine." + key, args))
                    : Optional.empty();
        };
    }

    /** "field kind: VIDEO is not a WorkKind; allowed values: POSTER, PHOTO, …". */
    private static Msg badEnum(String field, String value, String typeName, GraphQLSchema schema) {
        String allowed = schema != null && schema.getType(typeName) instanceof GraphQLEnumType type
                ? type.getValues().stream().map(GraphQLEnumValueDefinition::getName).collect(Collectors.joining(", "))
                : "?";
        return field == null
                ? Msg.of("shared.engine.enumValue", value, typeName, allowed)
                : Msg.of("shared.engine.enumField", field, value, typeName, allowed);
    }

    /** {@code EnumValue{name='VIDEO'}} and the like become {@code VIDEO}. */
    private static String plain(String value) {
        return value == null ? "" : ENGINE_VALUE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    private static String withoutPrefix(String message) {
        return plain(VALIDATION_PREFIX.matcher(message).replaceFirst(""));
    }

    private static List<Template> load() {
        List<Template> templates = new ArrayList<>();
        for (String bundle : List.of("Validation", "Scalars", "Execution", "Parsing")) {
            ResourceBundle english;
            try {
                english = ResourceBundle.getBundle("i18n/" + bundle, Locale.ROOT, graphql.GraphQL.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            } catch (java.util.MissingResourceException e) {
                continue;
            }
            for (String key : Collections.list(english.getKeys())) {
                templates.add(compile(key, english.getString(key)));
            }
        }
        RUNTIME_TEMPLATES.forEach((key, text) -> templates.add(compile(key, text)));
        // Longer templates first: a short one ("... is not a valid ''{3}''") must not swallow a longer one.
        templates.sort((a, b) -> Integer.compare(b.pattern().pattern().length(), a.pattern().pattern().length()));
        return List.copyOf(templates);
    }

    /** A MessageFormat template as an anchored pattern with a named group {@code g<n>} per {@code {n}}. */
    private static Template compile(String key, String template) {
        String text = template.strip().replace("''", "'");
        StringBuilder regex = new StringBuilder("^");
        Matcher placeholder = Pattern.compile("\\{(\\d+)}").matcher(text);
        int last = 0;
        int arity = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (placeholder.find()) {
            regex.append(Pattern.quote(text.substring(last, placeholder.start())));
            int number = Integer.parseInt(placeholder.group(1));
            // A number used twice matches the same text again (a back-reference).
            regex.append(seen.add(number) ? "(?<g" + number + ">.*?)" : "\\k<g" + number + ">");
            arity = Math.max(arity, number + 1);
            last = placeholder.end();
        }
        regex.append(Pattern.quote(text.substring(last))).append("$");
        return new Template(key, Pattern.compile(regex.toString(), Pattern.DOTALL), arity, seen);
    }
}
