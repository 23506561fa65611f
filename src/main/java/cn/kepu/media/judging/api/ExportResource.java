package cn.kepu.media.judging.api;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.judging.Aggregation;
import cn.kepu.media.judging.AssignmentPlanner;
import cn.kepu.media.judging.Award;
import cn.kepu.media.judging.JudgingService;
import cn.kepu.media.judging.ResultsService;
import cn.kepu.media.media.BlindFiles;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.works.Work;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Organizer exports: a round's results as CSV, and the round's entries as a streamed ZIP (manifest, one blind
 * JSON file per entry and the entry's blind renditions) for a jury working offline. Authorization is the services' own, through {@link Caller}.
 */
@Path("/api/rounds/{roundId}")
public class ExportResource {

    private final Caller caller;
    private final ResultsService results;
    private final JudgingService judging;
    private final ObjectMapper json;
    private final BlindFiles blindFiles;

    public ExportResource(Caller caller, ResultsService results, JudgingService judging, ObjectMapper json,
            BlindFiles blindFiles) {
        this.caller = caller;
        this.blindFiles = blindFiles;
        this.results = results;
        this.judging = judging;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    @Path("/results.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response resultsCsv(@PathParam("roundId") String roundId,
            @QueryParam("method") @DefaultValue("WEIGHTED_MEAN") String methodName) {
        // Parsed here, not by JAX-RS: its conversion failure is a bare 404 without a body.
        Aggregation.Method method = java.util.Arrays.stream(Aggregation.Method.values())
                .filter(m -> m.name().equals(methodName)).findFirst()
                .orElseThrow(() -> ApiException.validation("method", cn.kepu.media.shared.error.Msg.of(
                        "shared.validation.enum", "method", methodName, java.util.Arrays.toString(
                                Aggregation.Method.values()).replaceAll("[\\[\\]]", ""))));
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
        StringBuilder csv = new StringBuilder("\uFEFF"); // BOM: Excel opens UTF-8 Chinese text correctly
        csv.append("rank,entry_code,category,title,method,score,mean,median,spread,judges,disagreement,award\r\n");
        for (Aggregation.Result r : ranked) {
            Submission s = submissions.get(r.entryId());
            Award a = awards.get(r.entryId());
            csv.append(r.rank()).append(',').append(cell(s.entryCode)).append(',')
                    .append(cell(categories.get(s.categoryId).code)).append(',')
                    .append(cell(works.get(s.workId).title)).append(',').append(method).append(',')
                    .append(fmt(r.score())).append(',').append(fmt(r.mean())).append(',').append(fmt(r.median()))
                    .append(',').append(fmt(r.spread())).append(',').append(r.judgeCount()).append(',')
                    .append(r.disagreement()).append(',').append(a == null ? "" : a.tier.nameZh()).append("\r\n");
        }
        return Response.ok(csv.toString())
                .header("Content-Disposition", "attachment; filename=\"round-results.csv\"").build();
    }

    @GET
    @Path("/entries.zip")
    @Produces("application/zip")
    public Response entriesZip(@PathParam("roundId") String roundId) {
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
                // Blind, like JudgeEntry: content only, no entrant, creators, organization, region or file names.
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
                "name", c.name, "weight", c.weight, "scaleMax", c.scaleMax)).toList());
        manifest.put("entryCount", files.size());
        manifest.put("entries", files);
        StreamingOutput body = out -> writeZip(out, manifest, files, media);
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"round-" + round.number + "-entries.zip\"").build();
    }

    private void writeZip(OutputStream out, Map<String, Object> manifest, List<Map<String, Object>> files,
            Map<String, BlindFiles.File> media) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(json.writeValueAsBytes(manifest));
            zip.closeEntry();
            for (Map<String, Object> file : files) {
                zip.putNextEntry(new ZipEntry((String) file.get("file")));
                zip.write(json.writeValueAsBytes(file));
                zip.closeEntry();
            }
            for (Map.Entry<String, BlindFiles.File> file : media.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                // No modification times from storage: the package says nothing about when files were made.
                entry.setTime(0);
                zip.putNextEntry(entry);
                try (java.io.InputStream in = blindFiles.open(file.getValue())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    @ServerExceptionMapper
    Response mapApiException(ApiException e, jakarta.ws.rs.core.HttpHeaders headers) {
        Response.Status status = switch (e.code()) {
            case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            default -> Response.Status.BAD_REQUEST;
        };
        return Response.status(status).type("application/json")
                .entity(Map.of("code", e.code().name(), "message", e.message(
                        cn.kepu.media.shared.error.Messages.fromAcceptLanguage(headers.getHeaderString("Accept-Language")))))
                .build();
    }

    private static String cell(String text) {
        String value = text == null ? "" : text;
        // Neutralise spreadsheet formulas and quote everything that needs it.
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("'")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
