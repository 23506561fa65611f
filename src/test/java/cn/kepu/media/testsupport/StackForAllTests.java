package cn.kepu.media.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Puts every {@code @QuarkusTest} on the local stack: not restricted to an annotated class, the resource applies to all
 * of them, so they share one started stack (and, as long as their configuration is the same, one started app). No test
 * needs to refer to this class.
 */
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
public final class StackForAllTests {

    private StackForAllTests() {
    }
}
