import { RequestError } from './report-server-error';
import { SessionRegistry } from './sessions';

describe('SessionRegistry', () => {
  let now = 1_000_000;
  const sessions = new SessionRegistry(() => now);

  it('opens its dashboard until the time to live has passed', () => {
    const { token } = sessions.create('trends', 60);

    now += 59_000;
    expect(sessions.check(token, 'trends').expiresInMs).toBe(1_000);

    now += 1_000;
    expect(() => sessions.check(token, 'trends')).toThrow(
      expect.objectContaining({ status: 401, code: 'SESSION_EXPIRED' }),
    );
  });

  it('opens no other dashboard and knows no made-up token', () => {
    const { token } = sessions.create('trends', 60);

    expect(() => sessions.check(token, 'campus-overview')).toThrow(
      RequestError,
    );
    expect(() => sessions.check('made-up', 'trends')).toThrow(RequestError);
  });
});
