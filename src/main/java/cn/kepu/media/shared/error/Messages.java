package cn.kepu.media.shared.error;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

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
        return pattern(message.key(), wanted).or(() -> pattern(message.key(), other))
                .map(pattern -> new MessageFormat(pattern, wanted).format(message.args()))
                .orElse(message.key());
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
