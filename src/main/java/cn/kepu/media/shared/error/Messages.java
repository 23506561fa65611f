package cn.kepu.media.shared.error;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/** Looks up {@link Msg} keys in the per-feature bundles under {@code i18n/}; Chinese first, English alongside. */
public final class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** The two languages the service speaks; the first is the default. */
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    static String format(Msg message, Locale locale) {
        Locale wanted = isEnglish(locale) ? ENGLISH : CHINESE;
        Locale other = wanted == ENGLISH ? CHINESE : ENGLISH;
        // A Msg among the arguments (e.g. the name of the thing not found) is translated in the same language; a list
        // of them (e.g. every broken rule) becomes one text, its items separated as the language separates clauses.
        Object[] args = Arrays.stream(message.args())
                .map(arg -> translated(arg, wanted))
                .toArray();
        return pattern(message.key(), wanted).or(() -> pattern(message.key(), other))
                .map(pattern -> new MessageFormat(pattern, wanted).format(args))
                .orElse(message.key());
    }

    private static Object translated(Object arg, Locale locale) {
        if (arg instanceof Msg nested) {
            return nested.in(locale);
        }
        if (arg instanceof Collection<?> items && !items.isEmpty() && items.stream().allMatch(Msg.class::isInstance)) {
            return items.stream().map(item -> ((Msg) item).in(locale))
                    .collect(Collectors.joining(locale == ENGLISH ? "; " : "；"));
        }
        return arg;
    }

    /** Whether a bundle has the key (in either language). */
    public static boolean has(String key) {
        return pattern(key, CHINESE).isPresent() || pattern(key, ENGLISH).isPresent();
    }

    /**
     * The language a caller asked for in an {@code Accept-Language} value (e.g. {@code en-US,en;q=0.9}): English
     * when an English range outranks every Chinese one, Chinese otherwise, also when the header is absent, malformed
     * or names only languages we do not speak.
     */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return CHINESE;
        }
        try {
            List<Locale> matches = Locale.filter(Locale.LanguageRange.parse(header.strip()),
                    List.of(CHINESE, Locale.CHINESE, ENGLISH, Locale.US, Locale.UK));
            return matches.isEmpty() || !isEnglish(matches.getFirst()) ? CHINESE : ENGLISH;
        } catch (IllegalArgumentException e) {
            return CHINESE;
        }
    }

    /** English when the caller asked for it; Chinese otherwise (the default, also for unknown languages). */
    public static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private static Optional<String> pattern(String key, Locale locale) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String bundle = "i18n." + key.substring(0, dot);
        Locale bundleLocale = locale == ENGLISH ? ENGLISH : Locale.CHINESE;
        try {
            ResourceBundle resources = ResourceBundle.getBundle(bundle, bundleLocale, Messages.class.getClassLoader(),
                    NO_FALLBACK);
            return resources.containsKey(key) ? Optional.of(resources.getString(key)) : Optional.empty();
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
