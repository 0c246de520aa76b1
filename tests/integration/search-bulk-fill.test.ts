// An import into a register without petitions fills the search indexes once, after the records
// (db/search-index.ts withSearchIndexesFilledOnce), instead of row by row through their triggers.
// The indexes must come out the same as the triggers make them, and the triggers must be back.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importInterchangeFile } from '../../db/interchange/import-file.ts';
import { generateRegisterFile } from '../../bench/generate.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

const NOW = new Date('2026-11-30T02:00:00Z');
const ACTOR = { id: null, name: 'Kiểm thử' };
const registers: TempRegister[] = [];
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

const WORDS = ['nguyen', 'ng', 'n', 'tran', 'thi', 'dat', 'boi', 'thu', 'hoi', '051', '2026', 'to', 'cao', 'ubnd', 'xa', 'van', 'ph', 'le'];

function matches(t: TempRegister): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const byNumber = (sql: string, m: string) =>
    (t.register.sqlite.prepare(sql).all(m) as { register_no: string }[]).map((r) => r.register_no).sort();
  for (const w of WORDS) {
    out[`all:${w}`] = byNumber('select p.register_no from petitions_words s join petitions p on p.id = -s.rowid where petitions_words match ?', `"${w}" *`);
    out[`open:${w}`] = byNumber('select p.register_no from petitions_words s join petitions p on p.id = -s.rowid where petitions_words match ?', `{open} : ("${w}" *)`);
    out[`citizen:${w}`] = (t.register.sqlite.prepare('select c.full_name_folded || coalesce(c.id_number, \'\') as k from citizens_words w join citizens c on c.id = w.rowid where citizens_words match ?').all(`"${w}" *`) as { k: string }[]).map((r) => r.k).sort();
    if (w.length >= 3) out[`trigram:${w}`] = byNumber('select p.register_no from petitions_fts f join petitions p on p.id = f.rowid where petitions_fts match ?', `"${w}"`);
  }
  return out;
}

const triggers = (t: TempRegister) => t.register.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();

describe('search indexes filled once on a large import', () => {
  it('give the same matches as the row-by-row triggers, and the triggers are back afterwards', async () => {
    const bulk = await tempRegister({ now: NOW });
    const rowByRow = await tempRegister({ now: NOW });
    registers.push(bulk, rowByRow);
    const file = path.join(bulk.dir, 'history.json');
    await generateRegisterFile(file, { petitions: 400, today: '2026-11-29', seed: 5 });
    const expectedTriggers = triggers(bulk);

    // Row by row: the register already holds a petition (received in 2015, out of the file's years).
    await rowByRow.client.petitions.create({ receivedOn: '2015-06-01', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Người Có Trước' }], summary: 'Đơn có trước' });
    await importInterchangeFile(rowByRow.register, file, ACTOR);
    await importInterchangeFile(bulk.register, file, ACTOR);

    expect(triggers(bulk)).toEqual(expectedTriggers);
    const a = matches(bulk);
    const b = matches(rowByRow);
    const drop = (m: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.filter((x) => !x.startsWith('2015/') && !x.startsWith('nguoi co truoc'))]));
    expect(drop(a)).toEqual(drop(b));
    expect(a['all:nguyen']!.length).toBeGreaterThan(50);
    expect(a['citizen:nguyen']!.length).toBeGreaterThan(50);

    // After the import the triggers keep the indexes as usual: a new petition is found at once.
    await bulk.client.petitions.create({ receivedOn: '2026-11-29', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Hồ Thị Mới Đến' }], summary: 'Đơn mới sau khi nhập' });
    expect(matches(bulk)['all:thu']).toEqual(a['all:thu']);
    const found = await bulk.client.petitions.list({ search: 'moi den' });
    expect(found.rows.map((r) => r.petitionerNames)).toEqual(['Hồ Thị Mới Đến']);
  });
});
