package cn.kepu.media.shared;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import java.util.UUID;

/** GraphQL ids are UUID strings; anything else is the client's mistake, reported as VALIDATION. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.validation(field, Msg.of("shared.validation.id", field));
        }
    }
}
