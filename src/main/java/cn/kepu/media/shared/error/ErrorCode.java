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
    /**
     * Too much in one request: body bytes, tokens, aliases, root fields, fragments or the size of the selection once
     * fragments are expanded.
     */
    QUERY_TOO_LARGE,
    /** The operation ran past its time budget and was stopped; simplify it (smaller pages, fewer fields). */
    QUERY_TIMEOUT,
    /**
     * The caller sent more requests than its budget allows (per client address when anonymous, per subject when
     * signed in); HTTP 429 with {@code Retry-After}, and {@code extensions.retryAfterSeconds}.
     */
    RATE_LIMITED,
    /** Introspection is switched off in this deployment. */
    INTROSPECTION_DISABLED,
    /**
     * The search index cannot answer right now (Elasticsearch unreachable or too slow); retry after
     * {@code extensions.retryAfterSeconds}.
     */
    SEARCH_UNAVAILABLE,
    /** The database cannot answer right now (down, overloaded, too slow); retry after {@code retryAfterSeconds}. */
    DATABASE_UNAVAILABLE,
    /**
     * The object store cannot answer right now (down, too slow); retry after {@code retryAfterSeconds} (an upload
     * in progress can be resumed: parts already stored are kept).
     */
    STORAGE_UNAVAILABLE,
    /** Anything unexpected; details are logged, never sent. */
    INTERNAL,
    /**
     * A bulk download would be larger than allowed (total bytes or number of works); the message states the size and
     * the limit. Split the selection.
     */
    DOWNLOAD_TOO_LARGE,
    /**
     * The entry breaks the category's AI policy: AI-generated content (declared by the entrant or labelled in a
     * file's metadata) in a category that forbids it, or none in one that requires it.
     */
    AI_CONTENT_POLICY
}
