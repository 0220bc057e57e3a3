import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorHandler } from '../../api/http/errors';
import { multipartFields } from '../../api/http/multipart';

// Found by `npm run fuzz`: bodies the multipart parser refuses used to answer 500.
let server: Server;
let url = '';

beforeAll(async () => {
  const app = express();
  app.post('/upload', multipartFields(['nomination']), (_req, res) => {
    res.status(204).end();
  });
  app.use(errorHandler({ log: () => {} }));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = (contentType: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });

test.each([
  ['no boundary', 'multipart/form-data', ''],
  ['a part without headers', 'multipart/form-data; boundary=b', '--b\r\nNone--b--\r\n'],
  ['a body cut short', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="nomination"\r\n\r\n{}'],
])('%s answers 400 malformed-multipart, without a stack trace', async (_name, contentType, body) => {
  const res = await post(contentType, body);
  expect(res.status).toBe(400);
  const text = await res.text();
  expect(JSON.parse(text).error.code).toBe('malformed-multipart');
  expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
});

test('a well-formed body still passes', async () => {
  const res = await post('multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="nomination"\r\n\r\n{}\r\n--b--\r\n');
  expect(res.status).toBe(204);
});
