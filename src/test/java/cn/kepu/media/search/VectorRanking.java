package cn.kepu.media.search;

import cn.kepu.media.search.JudgedSet.Work;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The semantic half of hybrid retrieval (issue 14 item 7), evaluated on the judged set before it earns a place in
 * the service: the in-process bge-small-zh-v1.5 (quantized ONNX, from Maven Central, nothing downloaded at run time)
 * embeds every work once in batches and each query once; works are ranked by cosine similarity, and
 * {@link #fuse} combines that ranking with the service's lexical one by reciprocal-rank fusion.
 */
final class VectorRanking {

    /** The usual RRF constant: ranks deep in either list still count, the first ones far more. */
    static final int RRF_K = 60;

    private final EmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();
    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    final List<Double> queryMillis = new ArrayList<>();
    final double indexMillis;

    VectorRanking(List<Work> works) {
        long started = System.nanoTime();
        List<TextSegment> segments = works.stream().map(w -> TextSegment.from(text(w))).toList();
        List<Embedding> embeddings = new ArrayList<>();
        for (int i = 0; i < segments.size(); i += 32) {
            embeddings.addAll(model.embedAll(segments.subList(i, Math.min(segments.size(), i + 32))).content());
        }
        for (int i = 0; i < works.size(); i++) {
            vectors.put(works.get(i).key(), embeddings.get(i).vector());
        }
        indexMillis = (System.nanoTime() - started) / 1e6;
    }

    /** Title, tags and the start of the descriptions: what a work is about, within the model's 512 tokens. */
    private static String text(Work w) {
        String all = Stream.of(w.title(), w.titleEn(), String.join("、", w.tags()), w.description(), w.descriptionEn())
                .filter(Objects::nonNull).collect(Collectors.joining("。"));
        return all.length() > 400 ? all.substring(0, 400) : all;
    }

    List<String> rank(String query, int size) {
        long started = System.nanoTime();
        float[] q = model.embed(query).content().vector();
        queryMillis.add((System.nanoTime() - started) / 1e6);
        return vectors.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -dot(q, e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(size).map(Map.Entry::getKey).toList();
    }

    static List<String> fuse(List<String> lexical, List<String> semantic, int size) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            scores.merge(lexical.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        for (int i = 0; i < semantic.size(); i++) {
            scores.merge(semantic.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        return scores.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(size).map(Map.Entry::getKey).toList();
    }

    static double p50(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
