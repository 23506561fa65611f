package cn.kepu.media.identity;

import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;

/** The languages kepu-media writes to people in (notifications); Chinese is the default. */
@Description("Language of the e-mails a person receives: ZH (Simplified Chinese, the default) or EN.")
public enum Language {
    ZH("zh"), EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** As stored in {@code account.language}: {@code zh} or {@code en}. */
    public String code() {
        return code;
    }

    public static Language ofCode(String code) {
        return "en".equals(code) ? EN : ZH;
    }

    /** English for any English locale (e.g. a token's {@code locale} claim {@code en-GB}), else Chinese. */
    public static Language of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? EN : ZH;
    }
}
