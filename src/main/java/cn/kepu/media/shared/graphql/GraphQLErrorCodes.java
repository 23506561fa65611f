package cn.kepu.media.shared.graphql;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.TokenFailures;
import cn.kepu.media.shared.error.StoreFailures;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLSchema;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.graphql.validation.BeanValidationError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Gives every GraphQL error an {@code extensions.code} from {@link ErrorCode} and a message in the caller's language,
 * whatever raised it: our {@link ApiException}s, Bean Validation, graphql-java's own validation and coercion, or an
 * unexpected failure (logged here with its stack trace, reported to the client as {@code INTERNAL} without details).
 * Codes never depend on the language; messages always do.
 */
@ApplicationScoped
public class GraphQLErrorCodes {

    private static final Logger LOG = Logger.getLogger(GraphQLErrorCodes.class);

    ExecutionResult withCodes(ExecutionResult result, Locale locale, GraphQLSchema schema) {
        if (result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> coded = new ArrayList<>();
        boolean invalidRequest = result.getErrors().stream()
                .anyMatch(e -> e.getErrorType() == ErrorType.ValidationError || e.getErrorType() == ErrorType.InvalidSyntax);
        for (GraphQLError error : result.getErrors()) {
            // A field left null because its arguments were invalid is a consequence, not a second (INTERNAL) failure.
            if (invalidRequest && error instanceof graphql.execution.NonNullableFieldWasNullError) {
                continue;
            }
            GraphQLError withCode = withCode(error, locale, schema);
            // graphql-java may report one bad variable twice (coercion, then the abort that follows it).
            if (coded.stream().noneMatch(c -> c.getMessage().equals(withCode.getMessage())
                    && c.getExtensions().get("code").equals(withCode.getExtensions().get("code")))) {
                coded.add(withCode);
            }
        }
        return result.transform(builder -> builder.errors(coded));
    }

    private GraphQLError withCode(GraphQLError error, Locale locale, GraphQLSchema schema) {
        if (error instanceof QueryGuard.LimitExceeded limit) {
            return rebuild(error, limit.msg().in(locale), limit.code(), Map.of());
        }
        if (error.getExtensions() != null && error.getExtensions().get("code") instanceof String code
                && !(error instanceof ExceptionWhileDataFetching)) {
            return error;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            return fromException(error, unwrap(fetching.getException()), locale);
        }
        if (error instanceof BeanValidationError) {
            return beanValidation(error, locale);
        }
        if (error instanceof AbortExecutionException abort && abort.getCause() != null) {
            return fromException(error, unwrap(abort.getCause()), locale);
        }
        ErrorCode code = codeOf(error);
        if (code == ErrorCode.INTERNAL) {
            LOG.errorf("Unexpected GraphQL error at %s: %s", error.getPath(), error.getMessage());
            return rebuild(error, Msg.of("shared.internal").in(locale), code, Map.of());
        }
        // graphql-java's validation, coercion and syntax messages, translated (see EngineMessages).
        return rebuild(error, EngineMessages.translate(error.getMessage(), schema).in(locale), code, Map.of());
    }

    private GraphQLError fromException(GraphQLError error, Throwable exception, Locale locale) {
        return switch (exception) {
            case QueryGuard.LimitExceeded limit -> rebuild(error, limit.msg().in(locale), limit.code(), Map.of());
            case ApiException api -> rebuild(error, api.message(locale), api.code(),
                    api.field().<Map<String, Object>>map(f -> Map.of("field", f)).orElse(Map.of()));
            case ConstraintViolationException violations -> violations(error, violations, locale);
            case AuthenticationFailedException failed -> rebuild(error,
                    TokenFailures.message(failed).in(locale), ErrorCode.UNAUTHENTICATED, Map.of());
            case UnauthorizedException ignored ->
                rebuild(error, ApiException.unauthenticated().message(locale), ErrorCode.UNAUTHENTICATED, Map.of());
            case jakarta.persistence.OptimisticLockException ignored ->
                rebuild(error, Msg.of("shared.conflict.stale").in(locale), ErrorCode.CONFLICT, Map.of("field", "version"));
            case org.hibernate.StaleStateException ignored ->
                rebuild(error, Msg.of("shared.conflict.stale").in(locale), ErrorCode.CONFLICT, Map.of("field", "version"));
            case ForbiddenException ignored ->
                rebuild(error, Msg.of("shared.forbidden").in(locale), ErrorCode.FORBIDDEN, Map.of());
            default -> StoreFailures.classify(exception)
                    .map(unavailable -> {
                        LOG.warnf("%s at %s: %s", unavailable.code(), error.getPath(), exception.toString());
                        return rebuild(error, unavailable.message(locale), unavailable.code(), Map.of());
                    })
                    .orElseGet(() -> {
                        LOG.errorf(exception, "Unexpected failure at %s", error.getPath());
                        return rebuild(error, Msg.of("shared.internal").in(locale), ErrorCode.INTERNAL, Map.of());
                    });
        };
    }

    private GraphQLError violations(GraphQLError error, ConstraintViolationException exception, Locale locale) {
        List<Map<String, Object>> details = exception.getConstraintViolations().stream()
                .map(v -> Map.<String, Object>of("field", fieldOf(v), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").toString().compareTo(b.get("field").toString()))
                .toList();
        return withViolations(error, details, locale);
    }

    private GraphQLError withViolations(GraphQLError error, List<Map<String, Object>> details, Locale locale) {
        String message = details.stream()
                .map(d -> d.get("field") + ": " + d.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElseGet(() -> Msg.of("shared.validation.invalid").in(locale));
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (!details.isEmpty()) {
            extensions.put("field", details.getFirst().get("field"));
        }
        extensions.put("violations", details);
        return rebuild(error, message, ErrorCode.VALIDATION, extensions);
    }

    /** SmallRye's report of violated constraints on arguments; its extensions list them with their paths. */
    @SuppressWarnings("unchecked")
    private GraphQLError beanValidation(GraphQLError error, Locale locale) {
        Object raw = error.getExtensions() == null ? null : error.getExtensions().get("violations");
        List<Map<String, Object>> violations = raw instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        List<Map<String, Object>> details = violations.stream()
                .map(v -> Map.<String, Object>of("field", fieldOf((List<Object>) v.get("propertyPath")),
                        "message", String.valueOf(v.get("message"))))
                .sorted((a, b) -> a.get("field").toString().compareTo(b.get("field").toString()))
                .toList();
        return withViolations(error, details, locale);
    }

    /** {@code [createWork, input, title]} becomes {@code input.title}: clients know the operation already. */
    private static String fieldOf(List<Object> propertyPath) {
        if (propertyPath == null || propertyPath.size() < 2) {
            return "input";
        }
        return propertyPath.subList(1, propertyPath.size()).stream().map(String::valueOf)
                .reduce((a, b) -> a + "." + b).orElse("input");
    }

    /** {@code createWork.input.title} becomes {@code input.title}: clients know the operation already. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int firstDot = path.indexOf('.');
        return firstDot < 0 ? path : path.substring(firstDot + 1);
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current.getCause() != null && !(current instanceof ApiException)
                && !(current instanceof ConstraintViolationException)
                && (current.getClass().getName().startsWith("java.util.concurrent")
                        || current instanceof jakarta.transaction.RollbackException
                        || current.getClass().getName().startsWith("io.quarkus.arc")
                        || current.getClass().getName().startsWith("io.smallrye.graphql"))) {
            current = current.getCause();
        }
        return current;
    }

    private static ErrorCode codeOf(GraphQLError error) {
        if (error.getErrorType() instanceof ErrorType type) {
            return switch (type) {
                case InvalidSyntax -> ErrorCode.INVALID_QUERY;
                case ValidationError -> ErrorCode.INVALID_QUERY;
                case ExecutionAborted -> ErrorCode.QUERY_TOO_LARGE;
                default -> ErrorCode.INTERNAL;
            };
        }
        return ErrorCode.INVALID_QUERY;
    }

    private static GraphQLError rebuild(GraphQLError error, String message, ErrorCode code, Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(more);
        StoreFailures.retryAfterSeconds(code).ifPresent(seconds -> extensions.put("retryAfterSeconds", seconds));
        if (error.getErrorType() != null) {
            extensions.put("classification", error.getErrorType().toString());
        }
        return GraphQLError.newError()
                .message(message)
                .locations(error.getLocations())
                .path(error.getPath())
                .extensions(extensions)
                .build();
    }
}
