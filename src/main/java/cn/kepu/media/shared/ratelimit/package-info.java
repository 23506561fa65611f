/**
 * Per-caller request budgets, enforced by the GraphQL request gate before any parsing: anonymous callers by client
 * address (as seen through trusted proxies only), signed-in callers by token subject. {@link
 * cn.kepu.media.shared.ratelimit.RateLimiter} is the seam for where budgets are kept: {@link
 * cn.kepu.media.shared.ratelimit.SharedRateLimiter} keeps them in PostgreSQL, one budget for all instances, with small
 * per-instance leases so that a request rarely waits for the database; {@link
 * cn.kepu.media.shared.ratelimit.LocalRateLimiter} keeps them in memory (its fallback when PostgreSQL does not answer,
 * or with {@code kepu.rate-limit.shared=false}: one share per instance, see {@link
 * cn.kepu.media.shared.ratelimit.RateLimitConfig#instances()}).
 */
package cn.kepu.media.shared.ratelimit;
