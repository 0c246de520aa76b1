// The browser preview's bridge survives any request: malformed URLs get 400, requests without the
// token 403, a handler's error a 500 envelope; afterwards the server still answers.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestUrl, startPreview } from '../../web/server.ts';
import { onPostgres, tempDir, tempPostgresDatabase, type TempDir } from '../helpers/register.ts';

let d: TempDir;
let server: { url: string; drop(): Promise<void> } | null = null;
let preview: { url: string; close(): Promise<void> };
let port = 0;
const TOKEN = 'test-token-0123456789';

beforeAll(async () => {
  d = tempDir();
  const renderer = path.join(d.dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  // On PostgreSQL the preview opens a fresh database on the test server.
  server = onPostgres ? await tempPostgresDatabase() : null;
  const options = { dbPath: server?.url ?? path.join(d.dir, 'register.sqlite'), port: 0, token: TOKEN, appVersion: 'test', rendererDir: renderer };
  preview = await startPreview(options);
  port = options.port;
}, 60_000);
afterAll(async () => {
  await preview.close();
  d.cleanup();
  await server?.drop();
});

/** A raw HTTP/1.1 request (fetch would normalise the paths we want to send as they are). */
function raw(request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (data += c));
    socket.on('end', () => resolve(data));
    socket.on('error', () => resolve(data));
    socket.setTimeout(10_000, () => socket.destroy());
  });
}
const get = (target: string, headers = '') => raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${headers}\r\n`);
const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

async function stillAnswers(): Promise<void> {
  // auth.status answers before anyone signs in (issue 14); the rest of the API asks to sign in first.
  const r = await fetch(`http://127.0.0.1:${port}/__api/auth.status`, { method: 'POST', headers: { 'x-petreg-token': TOKEN } });
  expect(r.status).toBe(200);
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
}

describe('preview bridge', () => {
  it('parseRequestUrl refuses what does not parse', () => {
    expect(parseRequestUrl('//')).toBeNull();
    expect(parseRequestUrl('//evil.example/x')).toBeNull();
    expect(parseRequestUrl('http://[')).toBeNull();
    expect(parseRequestUrl('/ok?a=1')?.pathname).toBe('/ok');
  });

  it.each([
    ['GET //', () => get('//'), 400],
    ['GET //x//y', () => get('//x//y'), 400],
    ['a malformed escape in the method', () => get('/__api/%E0%A4%A'), 400],
    ['a malformed escape in a file path', () => get('/assets/%E0%A4%A.js'), 404],
    ['an absolute-form URL', () => get('http://[::1'), 400],
    ['a cross-origin <img> request for the API', () => get('/__api/app.info', 'Origin: http://127.0.0.1:9999\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: image\r\n'), 403],
    ['an API call without the token', () => raw(`POST /__api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`), 403],
    ['a NUL in the path', () => get('/%00'), 404],
    ['garbage instead of HTTP', () => raw('\u0000\u0001 not http at all\r\n\r\n'), 400],
  ])('%s: answered (%s), and the server still answers', async (_label, send, status) => {
    expect(statusOf(await send())).toBe(status);
    await stillAnswers();
  });

  it('an API call with a NUL in its input is a VALIDATION envelope, and a body that is not JSON a 400', async () => {
    const call = (body: string) => fetch(`http://127.0.0.1:${port}/__api/auth.signIn`, { method: 'POST', headers: { 'x-petreg-token': TOKEN }, body });
    const r = await call(JSON.stringify({ username: 'a\u0000b', password: 'x' }));
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect((await call('{not json')).status).toBe(400);
    await stillAnswers();
  });

  it('a hundred hostile requests in a row leave it answering', async () => {
    const targets = ['//', '/__api/%', '/__api/%E0%A4%A', '/%%', '/__api/', '/__api/../../etc/passwd', '/..%2f..%2fetc/passwd', '/\\..\\x'];
    await Promise.all(Array.from({ length: 100 }, (_, i) => get(targets[i % targets.length]!)));
    await stillAnswers();
  });
});
