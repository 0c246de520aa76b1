// A second process writing to a register, for the concurrency tests.
// Usage: node writer-process.ts <register path or postgres:// URL> <code prefix> <count> [agencies|petitions] [received on]
// Opens the register, prints "ready", waits for a line on stdin, then does <count> calls
// concurrently and prints one JSON line: { ok, failures }.
// - agencies (default): agencies.upsert with codes <prefix>-<i>;
// - petitions: petitions.create received on [received on] (default 2026-03-15), summaries
//   "<prefix> <i>"; the line also has registerNos, the numbers given, in call order.
import readline from 'node:readline';
import { createApiServer } from '../../db/api/server.ts';
import { openRegister } from '../../db/register.ts';

const [file, prefix, countText, what = 'agencies', receivedOn = '2026-03-15'] = process.argv.slice(2);
if (!file || !prefix || !countText || (what !== 'agencies' && what !== 'petitions')) {
  throw new Error('usage: writer-process.ts <path> <prefix> <count> [agencies|petitions] [received on]');
}
const count = Number(countText);

const register = await openRegister({ path: file });
// The administrator of the register at another desk, signed in (the test is about the writes).
const admin = await register.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
const api = createApiServer(register, { appVersion: 'writer-process' }, { signedInAs: admin.id, idleLock: false });
process.stdout.write('ready\n');

const lines = readline.createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const results = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    what === 'agencies'
      ? api.call('agencies.upsert', { code: `${prefix}-${i}`, name: `Cơ quan ${prefix} số ${i}`, kind: 'other' })
      : api.call('petitions.create', {
          receivedOn,
          channel: 'post',
          kind: 'complaint',
          field: 'land',
          petitioners: [{ fullName: `Người gửi ${prefix} ${i}` }],
          summary: `${prefix} ${i}`,
        }),
  ),
);
await register.close();
const failures = results.filter((r) => !r.ok);
const report: Record<string, unknown> = { ok: results.length - failures.length, failures };
if (what === 'petitions') report.registerNos = results.map((r) => (r.ok ? (r.value as { registerNo: string }).registerNo : null));
process.stdout.write(`${JSON.stringify(report)}\n`);
