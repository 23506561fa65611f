package cn.kepu.media.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** graphql-java's English messages become translated ones with their details, with or without the engine's prefix. */
class EngineMessagesTest {

    @Test
    void validationMessagesKeepTheirDetails() {
        var msg = EngineMessages.translate(
                "Validation error (FieldUndefined@[works/edges/node/password]) : Field 'password' in type 'Work' is undefined",
                null);
        assertThat(msg.in(Locale.ENGLISH)).isEqualTo("Type Work has no field password: check the spelling against the schema.");
        assertThat(msg.in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("类型 Work 没有字段 password：请对照 schema 检查拼写。");
    }

    @Test
    void theSameTemplateMatchesWithoutThePrefix() {
        var msg = EngineMessages.translate("argument 'first' with value 'many' is not a valid 'Int'", null);
        assertThat(msg.in(Locale.ENGLISH)).isEqualTo("first: many is not a valid Int.");
    }

    @Test
    void engineValueWrappersAreUnwrapped() {
        var msg = EngineMessages.translate("Variable 'n' has an invalid value: Expected a value that can be converted "
                + "to type 'Int' but it was a 'String'", null);
        assertThat(msg.in(Locale.ENGLISH)).isEqualTo("Variable $n has an invalid value: Expected an Int but got String.");
    }

    @Test
    void unknownMessagesKeepTheirTextInsideATranslatedSentence() {
        var msg = EngineMessages.translate("Something graphql-java never said before", null);
        assertThat(msg.in(Locale.SIMPLIFIED_CHINESE)).startsWith("查询无效：Something graphql-java never said before");
    }
}
