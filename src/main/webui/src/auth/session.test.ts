import { describe, expect, it } from 'vitest';
import { isExpired, tokenExpiry } from './session';

function jwt(payload: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`;
}

describe('session tokens', () => {
  it('reads the expiry of a JWT', () => {
    expect(tokenExpiry(jwt({ exp: 2000 }))).toBe(2000);
    expect(tokenExpiry('not-a-jwt')).toBeNull();
  });

  it('treats an expired token as signed out', () => {
    expect(isExpired(jwt({ exp: 1000 }), 1001)).toBe(true);
    expect(isExpired(jwt({ exp: 1000 }), 999)).toBe(false);
    expect(isExpired(jwt({ sub: 'x' }), 1e12)).toBe(false);
  });
});
