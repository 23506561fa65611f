package cn.kepu.media.shared.error;

/**
 * Machine-readable codes carried in {@code extensions.code} of every GraphQL error. Clients switch on these,
 * never on messages, so codes are part of the API contract: add, never rename.
 */
public enum ErrorCode {
    /** An input value is malformed or out of bounds; {@code extensions.field} names it. */
    VALIDATION,
    /** The GraphQL document itself is invalid (unknown field, wrong type, bad enum literal). */
    INVALID_QUERY,
    /** No such object, or the caller may not know it exists. */
    NOT_FOUND,
    /** The caller is known but not allowed to do this. */
    FORBIDDEN,
    /** The operation needs a valid bearer token (none, expired or bad signature). */
    UNAUTHENTICATED,
    /** The caller has a valid token but no kepu-media account yet: call {@code register} first. */
    ACCOUNT_REQUIRED,
    /** The object changed since the caller read it (stale version) or the state forbids the change. */
    CONFLICT,
    /** The query is deeper than allowed. */
    QUERY_TOO_DEEP,
    /** The query would cost more than allowed (fields times page sizes). */
    QUERY_TOO_COMPLEX,
    /** Too many tokens, aliases or root fields in one request. */
    QUERY_TOO_LARGE,
    /** Introspection is switched off in this deployment. */
    INTROSPECTION_DISABLED,
    /** The search index cannot answer right now (Elasticsearch unreachable); retry later. */
    SEARCH_UNAVAILABLE,
    /** Anything unexpected; details are logged, never sent. */
    INTERNAL,
    /**
     * An uploaded file failed verification and was deleted; the message starts with the reason (see the
     * {@code Rejection} enum of the media feature) and {@code extensions.field} names the declaration or file at fault.
     */
    MEDIA_REJECTED
}
