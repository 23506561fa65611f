package cn.kepu.media.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The judged set of src/test/resources/search/judged: works written as real entries and graded queries. Parsing
 * only; {@link RelevanceTest} loads and measures.
 */
final class JudgedSet {

    static final String DIR = "/search/judged/";
    static final List<String> WORK_FILES = List.of("works-1.txt", "works-2.txt", "works-3.txt", "works-4.txt",
            "works-5.txt", "works-6.txt", "works-7.txt", "works-8.txt");

    record Creator(String name, String affiliation) {
    }

    /** A work; English-only entries have their English text as title and description, as an entrant would. */
    record Work(String key, UUID id, String kind, String topic, String title, String titleEn, String description,
            String descriptionEn, List<String> tags, List<Creator> creators) {

        boolean chinese() {
            return hasHan(title);
        }
    }

    /** A query with its graded works (key to grade 1-3) and its near-miss distractors. */
    record Query(String text, Map<String, Integer> grades, Set<String> distractors) {

        boolean chinese() {
            return hasHan(text);
        }
    }

    private JudgedSet() {
    }

    static List<Work> works() throws IOException {
        List<Work> works = new ArrayList<>();
        for (String file : WORK_FILES) {
            for (String line : lines(file)) {
                String[] f = line.split("\\|", -1);
                if (f.length != 9) {
                    throw new IllegalStateException(file + ": expected 9 fields in " + line);
                }
                String title = dash(f[3]);
                String titleEn = dash(f[4]);
                String description = dash(f[5]);
                String descriptionEn = dash(f[6]);
                if (title == null) {
                    title = titleEn;
                    titleEn = null;
                    description = descriptionEn;
                    descriptionEn = null;
                }
                List<Creator> creators = new ArrayList<>();
                for (String c : f[8].split(";")) {
                    int at = c.indexOf('@');
                    creators.add(at < 0 ? new Creator(c.strip(), null)
                            : new Creator(c.substring(0, at).strip(), c.substring(at + 1).strip()));
                }
                works.add(new Work(f[0].strip(), UUID.nameUUIDFromBytes(("judged:" + f[0].strip()).getBytes()),
                        f[1].strip(), f[2].strip(), title, titleEn, description == null ? "" : description,
                        descriptionEn, f[7].isBlank() ? List.of() : List.of(f[7].split(";")), creators));
            }
        }
        return works;
    }

    static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : lines("queries.tsv")) {
            String[] cells = line.split("\t");
            Map<String, Integer> grades = new LinkedHashMap<>();
            Set<String> distractors = new java.util.LinkedHashSet<>();
            for (String judgement : cells[1].trim().split("\\s+")) {
                if (judgement.startsWith("!")) {
                    distractors.add(judgement.substring(1));
                } else {
                    String[] kv = judgement.split(":");
                    grades.put(kv[0], Integer.parseInt(kv[1]));
                }
            }
            queries.add(new Query(cells[0], grades, distractors));
        }
        return queries;
    }

    private static List<String> lines(String file) throws IOException {
        try (InputStream in = JudgedSet.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    private static String dash(String value) {
        String v = value.strip();
        return v.equals("-") || v.isEmpty() ? null : v;
    }

    static boolean hasHan(String text) {
        return text != null && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
