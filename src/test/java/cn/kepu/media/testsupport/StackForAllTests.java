package cn.kepu.media.testsupport;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Puts every {@code @QuarkusTest} on the local stack: with {@code GLOBAL} scope the resource applies to all of them,
 * so they share one started stack (and, as long as their configuration is the same, one started app). No test needs to
 * refer to this class.
 */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL)
public final class StackForAllTests {

    private StackForAllTests() {
    }
}
