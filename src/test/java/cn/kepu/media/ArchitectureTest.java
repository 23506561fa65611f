package cn.kepu.media;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The feature map of ARCHITECTURE.md, enforced: feature packages ({@code cn.kepu.media.<feature>..}) depend on each
 * other in one direction only, {@code shared} is the bottom, services never see the GraphQL/REST layer, an API
 * class never handles another feature's entities (it asks that feature for views or read models) and never queries a
 * store (it maps and delegates). No exceptions are listed: every rule holds for all of today's code.
 *
 * <p>Runs on the compiled main classes only, in about a second, without the stack. Plain JUnit tests over ArchUnit's
 * core API: the archunit-junit5 engine discovers no tests on the JUnit 6 platform of Quarkus 3.34.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("cn.kepu.media");

    private static final String ROOT = "cn.kepu.media.";

    /**
     * The dependency direction (ARCHITECTURE.md): a feature may depend on features of a lower or equal rank, never
     * on a higher one; equal ranks are kept apart by the cycle rule. A feature missing here ranks at the top: nothing
     * listed may depend on it until it is given its place.
     */
    static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("shared", 0),
            Map.entry("identity", 1), Map.entry("storage", 1),
            Map.entry("audit", 2), Map.entry("works", 2),
            Map.entry("media", 3), Map.entry("search", 3), Map.entry("collections", 3),
            Map.entry("contests", 4),
            Map.entry("moderation", 5),
            Map.entry("judging", 6),
            Map.entry("publishing", 7), Map.entry("notifications", 7));

    private static final int TOP = 100;

    static final ArchRule features_have_no_cycles = slices().matching("cn.kepu.media.(*)..")
            .as("feature packages").should().beFreeOfCycles();

    static final ArchRule features_depend_only_downwards = classes().that().resideInAPackage("cn.kepu.media..")
            .should(haveDependencies("depend only on features of the same or a lower rank (ARCHITECTURE.md)",
                    d -> {
                        Optional<String> from = feature(d.getOriginClass());
                        Optional<String> to = feature(d.getTargetClass());
                        return from.isEmpty() || to.isEmpty() || from.equals(to) || rank(from.get()) >= rank(to.get());
                    }));

    static final ArchRule shared_is_the_bottom = classes().that().resideInAPackage("cn.kepu.media.shared..")
            .should(haveDependencies("depend on no feature", d -> {
                Optional<String> to = feature(d.getTargetClass());
                return to.isEmpty() || to.get().equals("shared");
            }));

    static final ArchRule services_do_not_use_the_api_layer = classes().that().resideInAPackage("cn.kepu.media..")
            .and().resideOutsideOfPackage("..api..")
            .should(haveDependencies("not depend on any api package (GraphQL/REST types stay in api)", d -> {
                JavaClass target = d.getTargetClass();
                return !target.getPackageName().startsWith(ROOT) || !isApi(target);
            }));

    static final ArchRule api_does_not_use_other_features_entities = classes().that().resideInAPackage("..api..")
            .should(haveDependencies("not use another feature's entities (ask that feature for views)", d -> {
                JavaClass target = d.getTargetClass();
                return !target.isAnnotatedWith(Entity.class) || feature(target).equals(feature(d.getOriginClass()));
            }));

    /**
     * API classes map and delegate: they never query a store themselves. Calling an entity's static methods (Panache
     * finders such as {@code Work.list}, helpers such as {@code RubricCriterion.ofContest}) or its inherited Panache
     * operations ({@code persist}, {@code delete}), or touching the {@code EntityManager}, Hibernate, Panache or JDBC
     * from an {@code api} class is a violation, whatever feature the entity belongs to. Reading an entity's fields to
     * map it into a record is not.
     */
    static final ArchRule api_classes_do_not_query = classes().that().resideInAPackage("..api..")
            .should(new ArchCondition<JavaClass>("not query stores (entities' static or Panache methods, EntityManager,"
                    + " Hibernate, JDBC): api classes map and delegate") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                        if (queries(access)) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });

    static boolean queries(JavaAccess<?> access) {
        JavaClass owner = access.getTargetOwner();
        String pkg = owner.getPackageName();
        if (STORE_PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."))) {
            return true;
        }
        if (!(access instanceof JavaMethodCall call) || !isEntity(owner)) {
            return false;
        }
        // An entity's own instance methods (e.g. Contest.resultsPublished()) are mapping; anything static or not
        // declared on the entity itself (Panache's inherited finders and persist/delete) is a query.
        Optional<JavaMethod> method = call.getTarget().resolveMember();
        return method.isEmpty() || method.get().getModifiers().contains(JavaModifier.STATIC)
                || !isEntity(method.get().getOwner());
    }

    private static final List<String> STORE_PACKAGES = List.of("jakarta.persistence", "io.quarkus.hibernate",
            "org.hibernate", "java.sql", "javax.sql", "io.agroal");

    private static boolean isEntity(JavaClass c) {
        return c.isAnnotatedWith(Entity.class) || c.isAnnotatedWith(jakarta.persistence.Embeddable.class);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        features_have_no_cycles.check(MAIN);
    }

    @Test
    void featuresDependOnlyOnLowerFeatures() {
        features_depend_only_downwards.check(MAIN);
    }

    @Test
    void sharedDependsOnNoFeature() {
        shared_is_the_bottom.check(MAIN);
    }

    @Test
    void servicesDoNotUseTheApiLayer() {
        services_do_not_use_the_api_layer.check(MAIN);
    }

    @Test
    void apiClassesDoNotUseOtherFeaturesEntities() {
        api_does_not_use_other_features_entities.check(MAIN);
    }

    @Test
    void apiClassesDoNotQueryStores() {
        api_classes_do_not_query.check(MAIN);
    }

    static Optional<String> feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT)) {
            return Optional.empty();
        }
        String rest = pkg.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    static int rank(String feature) {
        return RANK.getOrDefault(feature, TOP);
    }

    private static boolean isApi(JavaClass c) {
        return c.getPackageName().endsWith(".api") || c.getPackageName().contains(".api.");
    }

    private static ArchCondition<JavaClass> haveDependencies(String description, Predicate<Dependency> allowed) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    if (!allowed.test(d)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
