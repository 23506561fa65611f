package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void padsToThePowerOfTwoWithTheLastValueRepeated() {
        List<String> values = List.of("a", "b", "c");
        assertThat(InLists.placeholders("id", values)).isEqualTo("(:id0, :id1, :id2, :id3)");
        Map<String, Object> bound = new LinkedHashMap<>();
        InLists.bind("id", values, bound::put);
        assertThat(bound).containsExactly(Map.entry("id0", "a"), Map.entry("id1", "b"), Map.entry("id2", "c"),
                Map.entry("id3", "c"));
    }

    @Test
    void aFewShapesOnly() {
        assertThat(IntStream.rangeClosed(1, 20).map(InLists::slots).distinct().toArray())
                .containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(InLists.placeholders("id", List.of("x"))).isEqualTo("(:id0)");
    }

    @Test
    void aListParameterPastTheLimit() {
        List<Integer> many = IntStream.range(0, InLists.MAX_PADDED + 1).boxed().toList();
        assertThat(InLists.placeholders("id", many)).isEqualTo("(:id)");
        Map<String, Object> bound = new LinkedHashMap<>();
        InLists.bind("id", many, bound::put);
        assertThat(bound).containsOnlyKeys("id").containsEntry("id", many);
    }
}
