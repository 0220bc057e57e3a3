import { ConfigError, loadConfig } from '../../config';

test('development defaults point at the local dev server, mail catcher and SQLite under var/', () => {
  const c = loadConfig({});
  expect(c.temporal.address).toBe('127.0.0.1:7233');
  expect(c.mail.smtpUrl).toBe('smtp://127.0.0.1:1025');
  expect(c.databaseUrl).toMatch(/^file:.*laurel\.db$/);
});

test('ports for a second copy come from the launcher settings', () => {
  const c = loadConfig({ TEMPORAL_DEV_PORT: '7300', MAIL_CATCHER_PORT: '1300', PORT: '3300' });
  expect(c.temporal.address).toBe('127.0.0.1:7300');
  expect(c.mail.smtpUrl).toBe('smtp://127.0.0.1:1300');
  expect(c.publicUrl).toBe('http://localhost:3300');
});

test('production refuses to start without its external services, naming each', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL[\s\S]*TEMPORAL_ADDRESS[\s\S]*SMTP_URL/);
});

test('a malformed value is named', () => {
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
});
