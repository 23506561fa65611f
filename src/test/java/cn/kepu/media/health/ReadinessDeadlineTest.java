package cn.kepu.media.health;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.health.BoundedProbe;
import cn.kepu.media.storage.ObjectStorage;
import cn.kepu.media.storage.StorageConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.http.HttpHost;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 items 15–17: with every store hung, the readiness answer is bounded (under 3 s), not the sum of the checks'
 * waits. Hung stores without pausing the shared test stack: a port that accepts connections and never answers (what a
 * SIGSTOPped server looks like) for Elasticsearch and the object store, a connection pool whose {@code getConnection}
 * never returns for PostgreSQL, and a search-index check blocked for good. The checks are composed as SmallRye Health
 * composes them: an {@link AsyncHealthCheck}'s own {@code Uni}, a plain {@link HealthCheck} called on the subscribing
 * thread, all combined and awaited together. HealthTest pauses the stack's Elasticsearch for the end-to-end case.
 */
class ReadinessDeadlineTest {

    private ServerSocket hung;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void hungServer() throws IOException {
        hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!hung.isClosed()) {
                try {
                    accepted.add(hung.accept()); // accepted, never answered
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void release() throws IOException {
        never.countDown();
        hung.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void everyStoreHungStillAnswersWithinThreeSecondsWithEachCheckDown() {
        List<Object> checks = List.of(
                new PostgresReadiness(blockingDataSource()),
                new ObjectStorageReadiness(new ObjectStorage(storageAt("http://127.0.0.1:" + hung.getLocalPort()))),
                new ElasticsearchReadiness(RestClient.builder(new HttpHost("127.0.0.1", hung.getLocalPort())).build(),
                        new ObjectMapper()),
                (AsyncHealthCheck) () -> BoundedProbe.of("search-index", () -> {
                    awaitForever();
                    return HealthCheckResponse.up("search-index");
                }));

        long begin = System.nanoTime();
        List<HealthCheckResponse> answers = asSmallRyeDoes(checks).await().atMost(Duration.ofSeconds(30));
        long millis = (System.nanoTime() - begin) / 1_000_000;

        assertThat(answers).extracting(HealthCheckResponse::getName)
                .containsExactly("postgresql", "object-storage", "elasticsearch", "search-index");
        assertThat(answers).extracting(HealthCheckResponse::getStatus).containsOnly(HealthCheckResponse.Status.DOWN);
        assertThat(millis).as("readiness with every store hung (ms)").isLessThan(3_000);
    }

    @Test
    void aCheckThatNeverReturnsIsDownAtTheDeadlineAndAHealthyOneIsUp() {
        long begin = System.nanoTime();
        HealthCheckResponse stuck = BoundedProbe.of("stuck", () -> {
            awaitForever();
            return HealthCheckResponse.up("stuck");
        }, Duration.ofMillis(300)).await().atMost(Duration.ofSeconds(5));
        assertThat((System.nanoTime() - begin) / 1_000_000).isBetween(250L, 2_000L);
        assertThat(stuck.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stuck.getData().orElseThrow()).containsEntry("error", "no answer within 300 ms");

        HealthCheckResponse quick = BoundedProbe.of("quick", () -> HealthCheckResponse.up("quick"))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(quick.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    /** SmallRye Health: an async check's Uni as is, a plain check's call() on the subscriber's thread; all combined. */
    private static Uni<List<HealthCheckResponse>> asSmallRyeDoes(List<Object> checks) {
        List<Uni<HealthCheckResponse>> unis = checks.stream().map(check -> switch (check) {
            case AsyncHealthCheck async -> async.call();
            case HealthCheck plain -> Uni.createFrom().item(plain::call);
            default -> throw new IllegalArgumentException(String.valueOf(check));
        }).toList();
        // Subscribed on a thread of its own (SmallRye: the request's), so that a check blocking that thread for good
        // fails this test at its time-out instead of hanging it.
        return Uni.combine().all().unis(unis).with(HealthCheckResponse.class, list -> list)
                .runSubscriptionOn(task -> Thread.ofVirtual().start(task));
    }

    private void awaitForever() {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pool whose connections never come (the wait the statement and network time-outs do not cover). */
    private AgroalDataSource blockingDataSource() {
        return (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AgroalDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        awaitForever();
                        throw new java.sql.SQLException("released");
                    }
                    if (method.getName().equals("toString")) {
                        return "blocking data source";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static StorageConfig storageAt(String endpoint) {
        return new StorageConfig() {
            public String endpoint() {
                return endpoint;
            }

            public Optional<String> publicEndpoint() {
                return Optional.empty();
            }

            public String accessKey() {
                return "access";
            }

            public String secretKey() {
                return "secret-secret";
            }

            public String bucket() {
                return "media";
            }

            public String region() {
                return "us-east-1";
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration readTimeout() {
                return Duration.ofSeconds(30);
            }

            public Duration writeTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
