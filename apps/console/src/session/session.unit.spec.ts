import { isExpired, mayAct, sessionFromToken, WORK_ORDER_ACTORS } from './session';

const jwt = (claims: object) => `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('session from a token', () => {
  it('given a gateway token, when read, then tenant, roles, subject and expiry', () => {
    const session = sessionFromToken(jwt({ sub: 'ana@acme', tenant: 'acme', roles: ['planner', 'nonsense'], exp: 100 }));
    expect(session).toMatchObject({ sub: 'ana@acme', tenant: 'acme', roles: ['planner'], expiresAt: 100 });
    expect(session && mayAct(session, WORK_ORDER_ACTORS)).toBe(true);
    expect(session && isExpired(session, 100_000)).toBe(true);
    expect(session && isExpired(session, 99_000)).toBe(false);
  });

  it('given text that is not a token with the claims, when read, then no session', () => {
    expect(sessionFromToken('nope')).toBeUndefined();
    expect(sessionFromToken(jwt({ sub: 'x', tenant: 'acme', roles: ['root'], exp: 1 }))).toBeUndefined();
    expect(sessionFromToken('a.!!!.c')).toBeUndefined();
  });
});
