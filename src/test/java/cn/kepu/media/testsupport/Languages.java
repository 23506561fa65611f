package cn.kepu.media.testsupport;

import java.util.regex.Pattern;

/** Issue 8 item 11: tells whether a client-facing text is in one language only. */
public final class Languages {

    /** Two English words in a row: a sentence fragment, unlike a lone type name, code or file name. */
    public static final Pattern ENGLISH_WORDS = Pattern.compile("\\b[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}\\b");
    public static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private Languages() {
    }

    /** Chinese, with no English sentence in it (type names, codes and file names may stand alone). */
    public static boolean chineseOnly(String text) {
        return text != null && HAN.matcher(text).find() && !ENGLISH_WORDS.matcher(text).find();
    }

    /** No Chinese character. */
    public static boolean englishOnly(String text) {
        return text != null && !text.isBlank() && !HAN.matcher(text).find();
    }
}
