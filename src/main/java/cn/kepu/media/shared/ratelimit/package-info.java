/**
 * Per-caller request budgets, enforced by the GraphQL request gate before any parsing: anonymous callers by client
 * address (as seen through trusted proxies only), signed-in callers by token subject. {@link
 * cn.kepu.media.shared.ratelimit.RateLimiter} is the seam for where budgets are kept: {@link
 * cn.kepu.media.shared.ratelimit.LocalRateLimiter} keeps them in memory, one share of the global budget per instance
 * (see {@link cn.kepu.media.shared.ratelimit.RateLimitConfig#instances()}); a shared store would implement the same
 * interface.
 */
package cn.kepu.media.shared.ratelimit;
