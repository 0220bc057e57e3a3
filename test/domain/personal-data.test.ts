import { maskEmail, maskPhone, redactPersonalData } from '../../domain/personal-data';

test('a mobile number keeps its first three and last four digits', () => {
  expect(maskPhone('13800001234')).toBe('138****1234');
  expect(maskPhone('138-0000-1234')).toBe('138****1234');
});

test('a short number keeps only its last two digits', () => {
  expect(maskPhone('6543210')).toBe('*****10');
  expect(maskPhone('12')).toBe('**');
});

test('an email keeps its first letter and its domain', () => {
  expect(maskEmail('someone@example.test')).toBe('s***@example.test');
  expect(maskEmail('not-an-email')).toBe('***');
});

test('a log line loses phone numbers, emails and ages but keeps dates and ids', () => {
  const line = 'Invalid invocation: { phone: "13912345678", applicantEmail: "a.b@example.test", "age":47, at 2026-11-21T07:00:00Z case 5f0c-11 }';
  const redacted = redactPersonalData(line);
  expect(redacted).not.toMatch(/13912345678|a\.b@example\.test|"age":47/);
  expect(redacted).toContain('2026-11-21T07:00:00Z');
  expect(redacted).toContain('5f0c-11');
});
