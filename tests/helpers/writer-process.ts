// A second process writing to a register, for the concurrency tests.
// Usage: node writer-process.ts <register path> <code prefix> <count>
// Opens the register, prints "ready", waits for a line on stdin, then does <count> agencies.upsert
// calls concurrently and prints one JSON line: { ok, failures }.
import readline from 'node:readline';
import { createApiServer } from '../../db/api/server.ts';
import { openRegister } from '../../db/register.ts';

const [file, prefix, countText] = process.argv.slice(2);
if (!file || !prefix || !countText) throw new Error('usage: writer-process.ts <path> <prefix> <count>');
const count = Number(countText);

const register = await openRegister({ path: file });
const api = createApiServer(register, { appVersion: 'writer-process' });
process.stdout.write('ready\n');

const lines = readline.createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const results = await Promise.all(
  Array.from({ length: count }, (_, i) => api.call('agencies.upsert', { code: `${prefix}-${i}`, name: `Cơ quan ${prefix} số ${i}`, kind: 'other' })),
);
await register.close();
const failures = results.filter((r) => !r.ok);
process.stdout.write(`${JSON.stringify({ ok: results.length - failures.length, failures })}\n`);
