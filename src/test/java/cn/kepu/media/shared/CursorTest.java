package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.paging.Cursor;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsMicrosecondTimestampsAndIds() {
        Cursor cursor = new Cursor(Instant.parse("2025-05-17T08:30:00.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void roundTripsTimesBeforeTheEpoch() {
        Cursor cursor = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void rejectsTextThatIsNotACursorAsValidationOfAfter() {
        assertThatThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains("after");
                });
    }
}
