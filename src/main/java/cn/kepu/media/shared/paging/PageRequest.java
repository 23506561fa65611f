package cn.kepu.media.shared.paging;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import java.util.Optional;

/** A validated forward page request: {@code first} within the configured bounds, {@code after} decoded. */
public record PageRequest(int first, Optional<Cursor> after) {

    public static PageRequest of(Integer first, String after, GraphQLLimits limits) {
        int size = first == null ? limits.defaultPageSize() : first;
        if (size < 0 || size > limits.maxPageSize()) {
            throw ApiException.validation("first", Msg.of("shared.validation.first", limits.maxPageSize()));
        }
        return new PageRequest(size, Optional.ofNullable(after).filter(a -> !a.isBlank()).map(Cursor::decode));
    }
}
