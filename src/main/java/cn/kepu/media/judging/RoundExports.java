package cn.kepu.media.judging;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.media.BlindFiles;
import cn.kepu.media.works.Work;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Organizer exports of a round: the results as CSV, and the round's entries as a ZIP (manifest, one blind JSON file
 * per entry and the entry's blind renditions) for a jury working offline. Everything is read and authorized here; the
 * REST resource only turns the result into a response.
 *
 * <p>Numbers are written as decimals at their fixed scale ({@link Aggregation#SCALE}): {@code 77.00}, never
 * {@code 77.00000000000001}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RoundExports {

    /** A ZIP ready to stream: everything it holds is read; only the renditions' bytes are fetched while writing. */
    public record EntriesPackage(int roundNumber, Map<String, Object> manifest, List<Map<String, Object>> files,
            Map<String, BlindFiles.File> media) {
    }

    static final String CSV_HEADER =
            "rank,entry_code,category,title,method,score,mean,median,spread,judges,disagreement,award\r\n";

    private final Caller caller;
    private final ResultsService results;
    private final JudgingService judging;
    private final BlindFiles blindFiles;
    private final ObjectMapper json;

    public RoundExports(Caller caller, ResultsService results, JudgingService judging, BlindFiles blindFiles,
            ObjectMapper json) {
        this.caller = caller;
        this.results = results;
        this.judging = judging;
        this.blindFiles = blindFiles;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** ORGANIZER: the round's ranking by {@code method} as CSV (UTF-8 with a BOM, so Excel reads Chinese). */
    public String resultsCsv(String roundId, Aggregation.Method method) {
        List<Aggregation.Result> ranked = results.results(roundId, method);
        Map<UUID, Submission> submissions = new HashMap<>();
        Map<UUID, Work> works = new HashMap<>();
        Map<UUID, ContestCategory> categories = new HashMap<>();
        Map<UUID, Award> awards = new HashMap<>();
        if (!ranked.isEmpty()) {
            List<UUID> ids = ranked.stream().map(Aggregation.Result::entryId).toList();
            Submission.<Submission>list("id in ?1", ids).forEach(s -> submissions.put(s.id, s));
            Work.<Work>list("id in ?1", submissions.values().stream().map(s -> s.workId).toList())
                    .forEach(w -> works.put(w.id, w));
            ContestCategory.<ContestCategory>list("id in ?1", submissions.values().stream().map(s -> s.categoryId)
                    .distinct().toList()).forEach(c -> categories.put(c.id, c));
            Award.<Award>list("submissionId in ?1", ids).forEach(a -> awards.put(a.submissionId, a));
        }
        StringBuilder csv = new StringBuilder("\uFEFF").append(CSV_HEADER);
        for (Aggregation.Result r : ranked) {
            Submission s = submissions.get(r.entryId());
            Award a = awards.get(r.entryId());
            csv.append(r.rank()).append(',').append(cell(s.entryCode)).append(',')
                    .append(cell(categories.get(s.categoryId).code)).append(',')
                    .append(cell(works.get(s.workId).title)).append(',').append(method).append(',')
                    .append(decimal(r.score())).append(',').append(decimal(r.mean())).append(',')
                    .append(decimal(r.median())).append(',').append(decimal(r.spread())).append(',')
                    .append(r.judgeCount()).append(',').append(r.disagreement()).append(',')
                    .append(a == null ? "" : a.tier.nameZh()).append("\r\n");
        }
        return csv.toString();
    }

    /** ORGANIZER: the round's entries, blind, with the rubric; write it with {@link #writeZip}. */
    public EntriesPackage entries(String roundId) {
        caller.requireAny(Role.ORGANIZER);
        ContestRound round = JudgingService.round(roundId);
        Contest contest = Contest.findById(round.contestId);
        List<AssignmentPlanner.Entry> entries = judging.entriesOf(round);
        Map<UUID, ContestCategory> categories = new HashMap<>();
        ContestCategory.ofContest(contest.id).forEach(c -> categories.put(c.id, c));
        List<Map<String, Object>> files = new ArrayList<>();
        // Blind renditions (previews, zoomable images, posters, playable videos) under generic names, streamed.
        Map<String, BlindFiles.File> media = new LinkedHashMap<>();
        if (!entries.isEmpty()) {
            List<Submission> submissions = Submission.list("id in ?1 order by entryCode",
                    entries.stream().map(AssignmentPlanner.Entry::id).toList());
            Map<UUID, Work> works = new HashMap<>();
            Work.<Work>list("id in ?1", submissions.stream().map(s -> s.workId).toList()).forEach(w -> works.put(w.id, w));
            Map<UUID, List<BlindFiles.File>> renditions = blindFiles.filesOf(works.keySet());
            for (Submission s : submissions) {
                Work w = works.get(s.workId);
                // Blind, like the judge's entry: content only, no entrant, creators, organization, region or file names.
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("entryCode", s.entryCode);
                entry.put("category", categories.get(s.categoryId).name);
                entry.put("kind", w.kind.name());
                entry.put("title", w.title);
                entry.put("description", w.description);
                entry.put("file", "entries/" + s.entryCode + ".json");
                List<String> paths = new ArrayList<>();
                for (BlindFiles.File f : renditions.getOrDefault(s.workId, List.of())) {
                    String path = "entries/" + s.entryCode + "/" + f.name();
                    paths.add(path);
                    media.put(path, f);
                }
                entry.put("media", paths);
                files.add(entry);
            }
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("contest", contest.title);
        manifest.put("round", Map.of("number", round.number, "name", round.name));
        manifest.put("rubric", RubricCriterion.ofContest(contest.id).stream().map(c -> Map.of("code", c.code,
                "name", c.name, "weight", BigDecimal.valueOf(c.weight), "scaleMax", c.scaleMax)).toList());
        manifest.put("entryCount", files.size());
        manifest.put("entries", files);
        return new EntriesPackage(round.number, manifest, files, media);
    }

    /** Writes the package: manifest, the entries' JSON files, then the renditions streamed from storage. */
    public void writeZip(EntriesPackage pkg, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(json.writeValueAsBytes(pkg.manifest()));
            zip.closeEntry();
            for (Map<String, Object> file : pkg.files()) {
                zip.putNextEntry(new ZipEntry((String) file.get("file")));
                zip.write(json.writeValueAsBytes(file));
                zip.closeEntry();
            }
            for (Map.Entry<String, BlindFiles.File> file : pkg.media().entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                // No modification times from storage: the package says nothing about when files were made.
                entry.setTime(0);
                zip.putNextEntry(entry);
                try (InputStream in = blindFiles.open(file.getValue())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    static String cell(String text) {
        String value = text == null ? "" : text;
        // Neutralise spreadsheet formulas and quote everything that needs it.
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("'")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** A result at its fixed scale, without exponent: 77.00, 0.50, -1.25. */
    static String decimal(BigDecimal value) {
        return Aggregation.shown(value).toPlainString();
    }
}
