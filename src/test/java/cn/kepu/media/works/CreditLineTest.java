package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditLineTest {

    @Test
    void joinsCreatorsWithAffiliationsTheWayChineseMediaPrintThem() {
        var line = WorkService.creditLineOf(List.of(
                new CreatorInput(" 张三 ", null, "中国科学院", null), new CreatorInput("李四", null, " ", null)));
        assertThat(line).isEqualTo("张三（中国科学院）、李四");
    }

    @Test
    void staysWithinTheColumnLimit() {
        var many = Collections.nCopies(30, new CreatorInput("很长的名字很长的名字", null, "很长的单位名称很长的单位名称", null));
        assertThat(WorkService.creditLineOf(many)).hasSize(300).endsWith("…");
    }
}
