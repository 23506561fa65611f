package cn.kepu.media.bench;

import cn.kepu.media.testsupport.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * What the harnesses that act as real users share (Soak, HaCheck): GraphQL calls over HTTP/1.1, bearer tokens signed
 * with the local stack's dev key (a packaged service on the stack trusts it through dev.properties), accounts
 * registered through the API, and a verified JPEG upload through the presigned flow.
 */
public final class BenchClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A GraphQL answer: its data, or what went wrong (HTTP status, transport error or GraphQL errors). */
    public record Answer(JsonNode data, String error) {
        public JsonNode ok() {
            if (error != null) {
                throw new IllegalStateException(error);
            }
            return data;
        }
    }

    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    public final URI graphql;
    /**
     * The longest wait for one answer (default 30 s). A harness may allow more while it builds its fixture on a
     * freshly started service (cold code paths, a loaded machine) and less once it measures.
     */
    private volatile Duration requestTimeout = Duration.ofSeconds(30);
    private final PrivateKey key;
    private final String issuer;
    private final byte[] jpeg;
    private final String jpegSha256;

    public BenchClient(URI graphql, Path privateKeyPem, String issuer) throws Exception {
        this.graphql = graphql;
        this.key = privateKey(privateKeyPem);
        this.issuer = issuer;
        this.jpeg = jpeg(1200, 1200);
        this.jpegSha256 = sha256(jpeg);
    }

    public Answer call(String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        return call(graphql, token, query, variables);
    }

    public void requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
    }

    /** The same call against another endpoint, e.g. one instance behind the load balancer. */
    public Answer call(URI endpoint, String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String failure = GraphQLLoad.describeFailure(response.statusCode(), response.body());
        JsonNode json = failure == null ? JSON.readTree(response.body()).path("data") : null;
        return new Answer(json, failure);
    }

    /** A token for {@code subject} with one role, as the identity provider would issue it. */
    public String token(String subject, String role) {
        try {
            long now = System.currentTimeMillis() / 1000;
            String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String claims = b64(JSON.writeValueAsBytes(Map.of("iss", issuer, "sub", subject, "upn", subject,
                    "groups", List.of(role), "iat", now, "exp", now + 6 * 3600, "jti", UUID.randomUUID().toString())));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** Registers a new account and returns its token. */
    public String account(String subject, String role, String organization)
            throws IOException, InterruptedException {
        String token = token(subject, role);
        call(token, "mutation($input: RegisterInput!) { register(input: $input) { id } }", Map.of("input", Map.of(
                "displayName", subject, "organization", organization, "organizationType", "RESEARCH_INSTITUTE",
                "region", "BEIJING"))).ok();
        return token;
    }

    public String createWork(String token, String kind, String title) throws IOException, InterruptedException {
        return call(token, "mutation($input: WorkInput!) { createWork(input: $input) { id } }",
                Map.of("input", workInput(kind, title))).ok().path("createWork").path("id").asText();
    }

    public static Map<String, Object> workInput(String kind, String title) {
        return Map.of("kind", kind, "title", title, "description", "压力测试作品 " + title,
                "topics", List.of("GENERAL_SCIENCE"), "region", "BEIJING",
                "creators", List.of(Map.of("name", "作者", "affiliation", "科普研究所")), "licence", "CC_BY_4_0");
    }

    /** A contest open now for a day: one POSTER category (JPEG ≥ 1000 px), a three-criterion rubric, one round. */
    public static Map<String, Object> contestInput(String title) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        return Map.of("year", 2026, "title", title, "theme", "科普", "description", "bench",
                "entryLimit", 5,
                "schedule", Map.of("submissionOpensAt", now.minusHours(1).toString(),
                        "submissionClosesAt", now.plusDays(1).toString()),
                "categories", List.of(Map.of("code", "POSTER", "name", "科普海报", "acceptedKinds", List.of("POSTER"),
                        "mimeTypes", List.of("image/jpeg"), "minWidth", 1000, "minHeight", 1000)),
                "rubric", List.of(
                        Map.of("code", "ACCURACY", "name", "科学性", "weight", 0.4, "scaleMax", 10),
                        Map.of("code", "CREATIVITY", "name", "创新性", "weight", 0.3, "scaleMax", 10),
                        Map.of("code", "ARTISTRY", "name", "艺术性", "weight", 0.3, "scaleMax", 10)),
                "rounds", List.of(Map.of("name", "初评", "shortlistSize", 2, "judgesPerEntry", 2)));
    }

    /**
     * One upload session as a client lives it: start, PUT the JPEG to the presigned URL, complete (answered at once,
     * VERIFYING), then wait for the verdict as the web client does without its socket, asking every 200 ms. Answers
     * completeUpload's answer ({@code completeUpload.id} is the accepted file's id) or the error.
     */
    public Answer upload(String token, String work) throws IOException, InterruptedException {
        Answer started = call(token, "mutation($input: StartUploadInput!) { startUpload(input: $input) {"
                + " id url } }", Map.of("input", Map.of("workId", work, "fileName", "photo.jpg",
                "declaredType", "image/jpeg", "sizeBytes", jpeg.length, "sha256", jpegSha256)));
        if (started.error() != null) {
            return started;
        }
        JsonNode session = started.data().path("startUpload");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(session.path("url").asText()))
                .timeout(requestTimeout).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            return new Answer(null, "PUT " + put.statusCode() + ": " + put.body());
        }
        String id = session.path("id").asText();
        Answer completed = call(token, "mutation($id: ID!) { completeUpload(id: $id) { id status } }",
                Map.of("id", id));
        if (completed.error() != null) {
            return completed;
        }
        Answer verdict = awaitAnswer(() -> call(token,
                "query($id: ID!) { uploadSession(id: $id) { status rejectionMessage } }", Map.of("id", id)),
                answer -> answer.error() != null || !answer.data().path("uploadSession").path("status").asText()
                        .equals("VERIFYING"), Duration.ofMillis(200));
        if (verdict.error() != null) {
            return verdict;
        }
        String status = verdict.data().path("uploadSession").path("status").asText();
        if (status.equals("COMPLETED")) {
            return completed;
        }
        return new Answer(null, "upload " + id + " " + status + ": "
                + verdict.data().path("uploadSession").path("rejectionMessage").asText());
    }

    /** Submits an entry; verification may run as a job after completeUpload, so retry while it is not done yet. */
    public String submitWhenVerified(URI endpoint, String entrant, String contestId, String work)
            throws IOException, InterruptedException {
        Map<String, Object> input = Map.of("contestId", contestId, "categoryCode", "POSTER", "workId", work,
                "declarations", List.of("ORIGINALITY", "CONSENT_OF_PEOPLE_SHOWN", "MEDIA_LICENCE_GRANT"));
        return awaitAnswer(() -> call(endpoint, entrant, "mutation($input: SubmitEntryInput!) {"
                + " submitEntry(input: $input) { id } }", Map.of("input", input)), answer -> answer.error() == null,
                Duration.ofMillis(500)).ok().path("submitEntry").path("id").asText();
    }

    private interface Call {
        Answer run() throws IOException, InterruptedException;
    }

    /**
     * Asks until {@code done} or 60 s have passed ({@link Await#answer}), returning the last answer; a failed
     * exchange ends the wait with its own exception, as a single call would.
     */
    private static Answer awaitAnswer(Call call, java.util.function.Predicate<Answer> done, Duration every)
            throws IOException, InterruptedException {
        try {
            return Await.answer(() -> {
                try {
                    return call.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, done, Duration.ofSeconds(60), every);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** A noisy JPEG (so that it does not compress to nothing), made once. */
    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(13);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | random.nextInt(64));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
