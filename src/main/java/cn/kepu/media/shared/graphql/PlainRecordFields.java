package cn.kepu.media.shared.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.LightDataFetcher;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Reads the plain fields of API records straight from their accessors.
 *
 * <p>SmallRye GraphQL resolves every property field through its {@code FieldDataFetcher}, which first rebuilds its
 * request {@code Context} for that field (including the selected-field tree): about a third of the CPU of the first
 * page of 50 works, whose ~1 000 fields are almost all plain strings, enums and nested records (JFR, issue 13); for
 * an object field such as an edge's {@code node} it also rebuilds the whole selection below it. For a field where
 * SmallRye would do nothing but call the accessor, this fetcher does exactly that. "Plain" is decided per record
 * component, conservatively: a type SmallRye passes through unchanged (String, boolean, int, an enum, another public
 * API record, or a List of String, of an enum or of such records) and no annotation other than {@code @NonNull}, {@code @Description}, {@code @Id} and
 * {@code @Name} — anything that could format, adapt or transform the value keeps SmallRye's fetcher.
 */
final class PlainRecordFields {

    private static final Set<Class<? extends Annotation>> NEUTRAL_ANNOTATIONS =
            Set.of(NonNull.class, Description.class, Id.class, Name.class);
    private static final Set<Class<?>> PASS_THROUGH_TYPES =
            Set.of(String.class, boolean.class, Boolean.class, int.class, Integer.class);

    private final ClassValue<Map<String, DataFetcher<?>>> byRecord = new ClassValue<>() {
        @Override
        protected Map<String, DataFetcher<?>> computeValue(Class<?> type) {
            return isApiRecord(type) ? plainFieldsOf(type) : Map.of();
        }
    };

    /**
     * The accessor-backed fetcher for {@code field} of {@code source}, or {@code null} when SmallRye's fetcher must
     * stay (not a public record, not a plain component, or a name that more than one component claims).
     */
    DataFetcher<?> of(Object source, String field) {
        return source == null ? null : byRecord.get(source.getClass()).get(field);
    }

    static Map<String, DataFetcher<?>> plainFieldsOf(Class<?> record) {
        Map<String, DataFetcher<?>> plain = new HashMap<>();
        Set<String> claimed = new HashSet<>();
        Set<String> ambiguous = new HashSet<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (RecordComponent component : record.getRecordComponents()) {
            List<Annotation> annotations = annotationsOf(record, component);
            String field = annotations.stream().filter(Name.class::isInstance).map(a -> ((Name) a).value())
                    .findFirst().orElse(component.getName());
            if (!claimed.add(field)) {
                ambiguous.add(field);
            }
            if (!isPlain(component, annotations)) {
                continue;
            }
            try {
                plain.put(field, new AccessorFetcher(lookup.unreflect(component.getAccessor())));
            } catch (IllegalAccessException e) {
                // Not reachable from here (a non-exported type): SmallRye's fetcher stays.
            }
        }
        ambiguous.forEach(plain::remove);
        return Map.copyOf(plain);
    }

    /**
     * A component's annotations wherever Java put them: an annotation without the RECORD_COMPONENT target (such as
     * MicroProfile GraphQL's) lands on the accessor, the field or the type use instead, and SmallRye reads it there.
     */
    private static List<Annotation> annotationsOf(Class<?> record, RecordComponent component) {
        List<Annotation> annotations = new ArrayList<>(List.of(component.getAnnotations()));
        annotations.addAll(List.of(component.getAccessor().getAnnotations()));
        annotations.addAll(List.of(component.getAnnotatedType().getAnnotations()));
        try {
            annotations.addAll(List.of(record.getDeclaredField(component.getName()).getAnnotations()));
        } catch (NoSuchFieldException e) {
            // A record always has the field; nothing more to read if it had not.
        }
        return annotations;
    }

    private static boolean isPlain(RecordComponent component, List<Annotation> annotations) {
        if (!annotations.stream().allMatch(a -> NEUTRAL_ANNOTATIONS.contains(a.annotationType()))) {
            return false;
        }
        Class<?> type = component.getType();
        if (isPassThrough(type)) {
            return true;
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            return element instanceof Class<?> elementClass
                    && (elementClass == String.class || elementClass.isEnum() || isApiRecord(elementClass));
        }
        return false;
    }

    private static boolean isPassThrough(Class<?> type) {
        return PASS_THROUGH_TYPES.contains(type) || type.isEnum() || isApiRecord(type);
    }

    /** An object field holding another API record: SmallRye hands the record on as it is. */
    private static boolean isApiRecord(Class<?> type) {
        return type.isRecord() && Modifier.isPublic(type.getModifiers());
    }

    /** Calls one record accessor; light, so graphql-java treats it like its own property fetcher. */
    private record AccessorFetcher(MethodHandle accessor) implements LightDataFetcher<Object> {

        @Override
        public Object get(graphql.schema.GraphQLFieldDefinition definition, Object source,
                Supplier<DataFetchingEnvironment> environment) throws Exception {
            return read(source);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return read(environment.getSource());
        }

        private Object read(Object source) throws Exception {
            try {
                return accessor.invoke(source);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
