import { loggablePath } from './log-path';

describe('loggablePath', () => {
  it.each([
    [
      '/api/auth/oidc/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj&iss=http%3A%2F%2Fidp',
      '/api/auth/oidc/callback',
    ],
    [
      '/api/calendar/3q2-7wEjR9m_sK1vJp0d8ZxA4nL6cT5yUuHbGfQeWiO.ics',
      '/api/calendar/[redacted].ics',
    ],
    ['/api/calendar/short.ics', '/api/calendar/[redacted].ics'],
    [
      '/API/Calendar/3q2-7wEjR9m_sK1vJp0d8ZxA4nL6cT5yUuHbGfQeWiO.ics?x=1',
      '/API/Calendar/[redacted].ics',
    ],
    [
      '/api/reset/3q2-7wEjR9m_sK1vJp0d8ZxA4nL6cT5yUuHbGfQeWiO',
      '/api/reset/[redacted]',
    ],
    [
      '/api/cases/7d33b445-7cb2-41e4-a814-fe84c1be898c/history.csv',
      '/api/cases/7d33b445-7cb2-41e4-a814-fe84c1be898c/history.csv',
    ],
    ['/api/deadlines?filter=overdue', '/api/deadlines'],
    ['/api/cases#top', '/api/cases'],
    ['/', '/'],
    ['', ''],
  ])('%s → %s', (url, expected) => {
    expect(loggablePath(url)).toBe(expected);
  });
});
