import { redactUrl, serializeRequest } from './log-redaction';

describe('request log redaction', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';

  it.each([
    [`/api/calendar/${token}.ics`, '/api/calendar/[redacted]'],
    [`/api/calendar/${token}.ics?x=1`, '/api/calendar/[redacted]?x=1'],
    [`/API/Calendar/${token}.ics`, '/API/Calendar/[redacted]'],
    [`/api/calendar/${token}`, '/api/calendar/[redacted]'],
    ['/api/cases/123/history', '/api/cases/123/history'],
    ['/api/me/calendar-feed', '/api/me/calendar-feed'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('keeps only the method and the redacted URL', () => {
    expect(serializeRequest({ method: 'GET', url: `/api/calendar/${token}.ics`, headers: { cookie: 'x' } } as never)).toEqual({
      method: 'GET',
      url: '/api/calendar/[redacted]',
    });
    expect(JSON.stringify(serializeRequest({ method: 'GET', url: `/api/calendar/${token}.ics` }))).not.toContain(token);
  });
});
