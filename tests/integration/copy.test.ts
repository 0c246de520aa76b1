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
import { fixedClock, onPostgres, rawAll, tempDir, tempPostgresDatabase, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';

const NOW = new Date('2026-06-20T03:00:00.000Z');

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
    middle = onPostgres ? await tempPostgresDatabase() : null;
    copy = middle?.url ?? path.join(dir.dir, 'copy.sqlite');
    back = path.join(dir.dir, 'back.sqlite');
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
      for (const search of ['ng', 'nguyen van', 'dat dai', '2026/0001', '"tranh chap"']) {
        const [x, y] = [await a.client.petitions.list({ search, limit: 50 }), await b.client.petitions.list({ search, limit: 50 })];
        expect(y.total, search).toBe(x.total);
        expect(y.rows.map((p) => p.registerNo), search).toEqual(x.rows.map((p) => p.registerNo));
      }
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
