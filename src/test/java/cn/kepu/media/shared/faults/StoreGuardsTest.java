package cn.kepu.media.shared.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import io.smallrye.faulttolerance.api.Guard;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store policy of {@link StoreGuards} without the stack: a store that was not reached is retried (twice), a timed
 * out or answered call is not, and once the breaker opens the caller gets the store's typed outage at once.
 */
class StoreGuardsTest {

    @Test
    void aStoreNotReachedIsRetriedTwiceThenTheFailureSurfaces() {
        Guard guard = StoreGuards.policy("test-not-reached", 5, false);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> StoreGuards.call(guard, ErrorCode.STORAGE_UNAVAILABLE, String.class, () -> {
            attempts.incrementAndGet();
            throw new java.io.IOException("wrapped", new ConnectException("Connection refused"));
        })).isInstanceOf(java.io.IOException.class);
        assertThat(attempts).hasValue(1 + StoreGuards.MAX_RETRIES);
    }

    @Test
    void aTimedOutCallIsNotRepeated() {
        Guard guard = StoreGuards.policy("test-timed-out", 5, false);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> StoreGuards.call(guard, ErrorCode.SEARCH_UNAVAILABLE, String.class, () -> {
            attempts.incrementAndGet();
            throw new SocketTimeoutException("Read timed out");
        })).isInstanceOf(SocketTimeoutException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRecoveredStoreAnswersOnTheRetry() throws Exception {
        Guard guard = StoreGuards.policy("test-recovered", 5, false);
        AtomicInteger attempts = new AtomicInteger();

        String answer = StoreGuards.call(guard, ErrorCode.SEARCH_UNAVAILABLE, String.class, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ConnectException("Connection refused");
            }
            return "ok";
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anOpenBreakerFailsFastWithTheStoresTypedOutage() {
        Guard guard = StoreGuards.policy("test-breaker", 5, true);
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> StoreGuards.call(guard, ErrorCode.STORAGE_UNAVAILABLE, String.class, () -> {
                attempts.incrementAndGet();
                throw new SocketTimeoutException("Read timed out");
            })).isInstanceOf(SocketTimeoutException.class);
        }
        int before = attempts.get();

        assertThatThrownBy(() -> StoreGuards.call(guard, ErrorCode.STORAGE_UNAVAILABLE, String.class, () -> {
            attempts.incrementAndGet();
            return "never";
        })).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(attempts).as("an open breaker does not call the store").hasValue(before);
    }
}
