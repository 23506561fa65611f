package cn.kepu.media.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Words that no other work in the shared test index holds, for tests that search for their own works or for nothing.
 * Letters only: random hex put digits in them, and the analysers split a word at each letter/digit boundary, so
 * {@code nothing1a2aeaaczz} became {@code nothing}, {@code 1}, {@code a}, … and a search meant to find nothing found
 * every work with a "1" in it once the strict tier came back empty and the relaxed one ran (CI, 2026-12-03); highlights
 * covered the pieces as well ({@code <em>fsb4bebf7</em>a<em>92</em>}).
 */
public final class SearchWords {

    private SearchWords() {
    }

    /** {@code prefix} followed by twelve random lower-case Latin letters (26^12 words: no two tests meet). */
    public static String unique(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder word = new StringBuilder(prefix);
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
