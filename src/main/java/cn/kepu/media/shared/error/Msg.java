package cn.kepu.media.shared.error;

import java.util.Arrays;
import java.util.Locale;

/**
 * A client-facing message by key, translated when the error is written for a caller.
 *
 * <p>The key's first segment names the bundle: {@code media.upload.tooLarge} is looked up in
 * {@code i18n/media_zh.properties} (Simplified Chinese, the default) or {@code i18n/media_en.properties}. Values use
 * {@link java.text.MessageFormat} syntax with {@code args} as {@code {0}}, {@code {1}}… Each feature keeps its own
 * bundle so features add messages without touching each other's files.
 */
public record Msg(String key, Object... args) {

    public static Msg of(String key, Object... args) {
        return new Msg(key, args);
    }

    /** The message in {@code locale}, or in the other language, or the key itself when no bundle has it. */
    public String in(Locale locale) {
        return Messages.format(this, locale);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(args);
    }
}
