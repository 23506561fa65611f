/**
 * Identity: who is calling ({@link cn.kepu.media.identity.Caller}), their account profile, the roles of the
 * Science Week (entrant, judge, moderator, organizer, media outlet) and the province-level regions. Tokens are
 * verified bearer JWTs from the configured OIDC provider; dev and test builds add a token minter for demo accounts.
 */
package cn.kepu.media.identity;
