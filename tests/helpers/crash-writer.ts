// A writer for the crash test: opens the register, prints "ready", then writes until killed,
// printing one line per acknowledged (committed) write:
//   ack petition <registerNo> <summary>      after petitions.create returned
//   ack classify <registerNo>                after workflow.classify returned
// Usage: node crash-writer.ts <register path> <tag>
import { createApiServer } from '../../db/api/server.ts';
import { openRegister } from '../../db/register.ts';

const [file, tag] = process.argv.slice(2);
if (!file || !tag) throw new Error('usage: crash-writer.ts <path> <tag>');
const register = await openRegister({ path: file });
// Signed in as the register's administrator (the test is about what a kill leaves behind).
const admin = register.sqlite.prepare("select id from users where username = 'admin'").get() as { id: number };
const api = createApiServer(register, { appVersion: 'crash-writer' }, { signedInAs: admin.id, idleLock: false });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const summary = `${tag} ${i}`;
  const created = await api.call('petitions.create', {
    receivedOn: '2026-03-10',
    channel: 'post',
    kind: i % 3 === 0 ? 'denunciation' : 'complaint',
    field: 'land',
    petitioners: [{ fullName: `Người gửi ${tag} ${i}` }],
    summary,
  });
  if (!created.ok) {
    process.stdout.write(`fail ${JSON.stringify(created.error)}\n`);
    continue;
  }
  const p = created.value as { id: number; registerNo: string };
  process.stdout.write(`ack petition ${p.registerNo} ${summary}\n`);
  if (i % 2 === 0) {
    const classified = await api.call('workflow.classify', { petitionId: p.id, eligible: true, on: '2026-03-11' });
    if (classified.ok) process.stdout.write(`ack classify ${p.registerNo}\n`);
  }
}
