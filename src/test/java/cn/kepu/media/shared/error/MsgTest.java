package cn.kepu.media.shared.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MsgTest {

    @Test
    void chineseIsTheDefaultAndEnglishIsChosenByLanguage() {
        Msg message = Msg.of("shared.internal");
        assertEquals("服务器内部错误，请稍后重试；如果问题持续，请联系管理员。", message.in(Locale.forLanguageTag("zh-CN")));
        assertEquals(message.in(Locale.forLanguageTag("zh-CN")), message.in(Locale.GERMAN));
        assertEquals(message.in(Locale.forLanguageTag("zh-CN")), message.in(null));
        assertEquals("Internal server error; please try again later, and contact the administrators if it persists.",
                message.in(Locale.forLanguageTag("en-GB")));
    }

    @Test
    void unknownKeysComeBackAsTheKey() {
        assertEquals("nosuch.key", Msg.of("nosuch.key").in(Locale.ENGLISH));
        assertEquals("nodot", Msg.of("nodot").in(Locale.ENGLISH));
    }

    @Test
    void exceptionsCarryTheEnglishTextForLogsAndTranslateForCallers() {
        ApiException failure = new ApiException(ErrorCode.INTERNAL, null, Msg.of("shared.internal"));
        assertEquals(Msg.of("shared.internal").in(Locale.ENGLISH), failure.getMessage());
        assertEquals(Msg.of("shared.internal").in(Locale.CHINA), failure.message(Locale.CHINA));
    }
}
