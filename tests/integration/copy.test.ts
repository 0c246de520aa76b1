// petreg copy (issue 14): a register moved whole between engines and back, checked by its exports,
// its statistics and its search; the audit chain intact; a refusal writes nothing. On the SQLite
// pass the copy goes file to file; on the PostgreSQL pass, file → PostgreSQL → file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_TABLES, copyRegister } from '../../db/copy.ts';
import { fillDemo } from '../../db/demo/demo.ts';
import { verifyAuditChain } from '../../db/integrity.ts';
import { openRegister, openRegisterReadOnly } from '../../db/register.ts';
import { main } from '../../cli/main.ts';
import { fixedClock, onPostgres, rawAll, tempDir, tempPostgresDatabase, tempRegister, type TempDir } from '../helpers/register.ts';

const NOW = new Date('2026-06-20T03:00:00.000Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

describe('petreg copy', () => {
  let dir: TempDir;
  let source: string;
  let middle: { url: string; drop(): Promise<void> } | null = null;
  let copy: string;
  let back: string;

  beforeAll(async () => {
    dir = tempDir();
    source = path.join(dir.dir, 'source.sqlite');
    const r = await openRegister({ path: source, now: fixedClock(NOW) });
    await fillDemo(r);
    await r.close();
    // An attachment: its content travels with the register (a folder beside a file, a table on a server).
    const withFile = await tempRegister({ path: source, now: NOW });
    const first = (await withFile.client.petitions.list({ limit: 1 })).rows[0]!;
    await withFile.client.attachments.add({ petitionId: first.id, fileName: 'don-scan.pdf', mime: 'application/pdf', base64: PDF.toString('base64') });
    await withFile.close();
    middle = onPostgres ? await tempPostgresDatabase() : null;
    // Each in its own folder: a file's attachments folder is beside it.
    copy = middle?.url ?? path.join(dir.dir, 'copy', 'copy.sqlite');
    back = path.join(dir.dir, 'back', 'back.sqlite');
  }, 120_000);
  afterAll(async () => {
    dir.cleanup();
    await middle?.drop();
  });

  it('names every table of the register', async () => {
    const r = await openRegisterReadOnly({ path: source });
    try {
      const tables = (r.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as { name: string }[])
        .map((t) => t.name)
        .filter((n) => !/^(petitions_fts|petitions_words|citizens_words)/.test(n));
      expect(COPY_TABLES.map(([t]) => t).sort()).toEqual(tables);
    } finally {
      await r.close();
    }
  });

  it('copies there and back through the command line; both exports are the same file', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`ERR ${l}`) };
    expect(await main(['copy', source, copy], io), out.join('\n')).toBe(0);
    expect(out.join('\n')).toContain('Đối chiếu: bản xuất của hai sổ giống hệt nhau.');
    expect(await main(['copy', copy, back], io), out.join('\n')).toBe(0);
    for (const location of [copy, back]) {
      const r = await openRegisterReadOnly({ path: location });
      try {
        expect(r.engine).toBe(location === back || !onPostgres ? 'sqlite' : 'postgres');
        const counts = await rawAll<{ n: number }>(r, 'select count(*) as n from petitions');
        expect(counts[0]!.n).toBeGreaterThan(100);
        const audit = await rawAll<{ action: string }>(r, 'select action from audit_log order by id desc limit 1');
        expect(audit[0]!.action).toBe('copy');
      } finally {
        await r.close();
      }
    }
    // The hash chain survives both moves, the copies' own entries linked after it.
    const r = await openRegisterReadOnly({ path: back });
    try {
      expect(verifyAuditChain(r.sqlite).firstBroken).toBeNull();
    } finally {
      await r.close();
    }
  }, 180_000);

  it('gives the same statistics and the same search answers on the copy, and the copy numbers on', async () => {
    const a = await tempRegister({ path: source, now: NOW });
    const b = await tempRegister({ path: copy, now: NOW });
    try {
      const period = { from: '2025-01-01', to: '2026-06-20' };
      expect(await b.client.stats.get(period)).toEqual(await a.client.stats.get(period));
      // What officers type: the first letters of common names, a name with its last word being typed,
      // words of a summary, a number's beginning, a phrase; each answered alike, in the same order.
      const names = (await rawAll<{ n: string }>(a.register, 'select full_name as n from persons group by full_name order by count(*) desc, full_name limit 6')).map((r) => r.n);
      const typed = names.flatMap((n) => {
        const w = n.split(' ');
        return [w[0]!.slice(0, 2), `${w[0]} ${w[1]!.slice(0, 1)}`, `${w.slice(0, -1).join(' ')} ${w.at(-1)!.slice(0, 2)}`];
      });
      for (const search of [...new Set(typed), 'ng', 'nguyen van', 'dat dai', 'thu hoi d', '2026/0001', '2026/00', '"tranh chap"', '"dat', 'ubnd xa']) {
        const [x, y] = [await a.client.petitions.list({ search, limit: 50 }), await b.client.petitions.list({ search, limit: 50 })];
        expect(y.total, search).toBe(x.total);
        expect(y.rows.map((p) => p.registerNo), search).toEqual(x.rows.map((p) => p.registerNo));
      }
      // The attachment's content is there on the copy, whole.
      const first = (await b.client.petitions.list({ limit: 1 })).rows[0]!;
      const [attachment] = await b.client.attachments.list({ petitionId: first.id });
      expect((await b.client.attachments.get({ id: attachment!.id })).base64).toBe(PDF.toString('base64'));
      // The next petition on the copy takes the next number and a new id (the sequences moved on).
      const last = (await a.client.petitions.list({ limit: 1 })).rows[0]!;
      const created = await b.client.petitions.create({
        receivedOn: '2026-06-20',
        channel: 'post',
        kind: 'recommendation',
        field: 'other',
        signatories: 1,
        summary: 'Kiến nghị sau khi chép sổ',
        petitioners: [{ fullName: 'Phạm Thị Chép' }],
      } as never);
      expect(created.registerNo > last.registerNo).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('refuses a target that holds a register, the same place twice, and an existing file; nothing is written', async () => {
    await expect(copyRegister(source, copy)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(copyRegister(source, source)).rejects.toMatchObject({ code: 'VALIDATION' });
    const before = fs.readFileSync(back);
    await expect(copyRegister(source, back)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readFileSync(back).equals(before)).toBe(true);
  }, 60_000);
});
