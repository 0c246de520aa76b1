// `petreg stats` as a user runs it: a child process on a `petreg demo` register, the contract's
// `--json` keys, the files it writes (and will not overwrite), and its refusals (exit 1, Vietnamese).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petreg as runPetreg } from '../helpers/petreg.ts';
import { cliRegister, copyCliRegister, countIn, dropCliRegisters, queryRegister, writeRegister } from '../helpers/cli-register.ts';
import { onPostgres } from '../helpers/register.ts';
import { findChromium } from '../../print/chromium-pdf.ts';
import { checkIdentities, type Statistics } from '../../shared/stats/definitions.ts';
import { isVietnamese } from '../helpers/envelope.ts';

// The official year 2026 (15/12/2025 – 14/12/2026) holds the whole demo year.
const FROM = '2025-12-15';
const TO = '2026-12-14';

let dir: string;
let db: string;

/** petreg with this run's default data folder, killed after two minutes. */
function petreg(args: string[]) {
  return runPetreg(args, { PETREG_DATA_DIR: path.join(dir, 'default') }, 120_000);
}

function stats(...extra: string[]) {
  return petreg(['stats', '--db', db, '--from', FROM, '--to', TO, ...extra]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-stats-cli-'));
  db = await cliRegister(dir, 'demo.sqlite');
  // A PostgreSQL database is made a register by petreg init (a new file is made by demo itself).
  if (onPostgres) expect(petreg(['init', '--db', db]).status).toBe(0);
  const demo = petreg(['demo', '--db', db]);
  expect(demo.status, demo.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await dropCliRegisters();
});

describe('petreg stats', () => {
  let json: Statistics;

  it('--json prints the contract keys, and the figures add up', () => {
    const out = stats('--json');
    expect(out.status, out.stderr).toBe(0);
    json = JSON.parse(out.stdout) as Statistics;
    expect(json.period).toEqual({ from: FROM, to: TO });
    const figures = ['sessions', 'visits', 'persons', 'delegations', 'delegation_persons'];
    for (const group of ['regular', 'leaders', 'online'] as const) {
      expect(Object.keys(json.reception[group]).sort()).toEqual([...figures].sort());
      for (const f of figures) expect(typeof (json.reception[group] as unknown as Record<string, unknown>)[f]).toBe('number');
    }
    const p = json.petitions;
    for (const key of ['received', 'carried_over', 'multi_signatory', 'unclassified']) expect(typeof (p as unknown as Record<string, unknown>)[key]).toBe('number');
    expect(Object.keys(p.eligible)).toEqual(expect.arrayContaining(['total', 'complaint', 'denunciation', 'recommendation', 'multiple']));
    expect(typeof p.ineligible.total).toBe('number');
    expect(Object.keys(p.ineligible.by_reason)).toEqual(
      expect.arrayContaining(['anonymous', 'no_signature_or_address', 'duplicate', 'awaiting_result', 'finally_decided', 'insufficient_content', 'already_guided', 'other']),
    );
    expect(Object.keys(p.by_field)).toEqual(expect.arrayContaining(['land', 'housing', 'compensation', 'policy', 'justice', 'corruption', 'administration', 'other']));
    expect(Object.keys(p.decisions)).toEqual(expect.arrayContaining(['accept', 'forward', 'guide', 'return', 'file']));
    expect(Array.isArray(p.forwarded_by_agency)).toBe(true);
    for (const a of p.forwarded_by_agency) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['agency', 'name', 'forwarded', 'replied', 'replied_on_time', 'overdue']));
    }
    // The app's new key: petitions by the commune where the case arose.
    expect(Object.keys(json.by_commune!).sort()).toEqual(['communes', 'units_on', 'unrecorded']);
    expect(checkIdentities(json)).toEqual([]);
    // The demo year: about a thousand petitions, reception of every kind.
    expect(p.received).toBeGreaterThan(500);
    expect(json.reception.regular.visits).toBeGreaterThan(0);
    expect(json.reception.leaders.sessions).toBeGreaterThan(0);
  });

  it('counts the demo register’s handling records (active classifications, decisions, replies)', async () => {
    // Read from the records themselves, not from the petitions' denormalised columns.
    const one = (q: string) => countIn(db, q, FROM, TO);
    const inPeriod = 'p.received_on between ? and ?';
    const eligible = await one(`select count(*) as n from classifications c join petitions p on p.id = c.petition_id where c.reversed_at is null and c.eligible = 1 and ${inPeriod}`);
    const decided = await one(`select count(*) as n from decisions d join petitions p on p.id = d.petition_id where d.reversed_at is null and ${inPeriod}`);
    const forwarded = await one(`select count(*) as n from decisions d join petitions p on p.id = d.petition_id where d.reversed_at is null and d.action = 'forward' and ${inPeriod}`);
    const replied = await one(
      `select count(*) as n from replies r join decisions d on d.id = r.decision_id join petitions p on p.id = d.petition_id
       where r.reversed_at is null and d.reversed_at is null and d.action = 'forward' and ${inPeriod}`,
    );
    expect(decided).toBeGreaterThan(0);
    expect(json.petitions.eligible.total).toBe(eligible);
    expect(json.petitions.decisions.total).toBe(decided);
    expect(json.petitions.decisions.forward).toBe(forwarded);
    expect(json.petitions.forwarded_by_agency.reduce((n, a) => n + a.replied, 0)).toBe(replied);
  });

  it('prints a plain summary without a format option', () => {
    const out = stats();
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Số liệu thống kê từ 15/12/2025 đến 14/12/2026');
    expect(out.stdout).toContain(`Đơn tiếp nhận trong kỳ: ${json.petitions.received}`);
  });

  it('writes XLSX, CSV and PDF files, keeps stdout pure JSON, and refuses to overwrite without --force', { timeout: 120_000 }, async () => {
    const xlsx = path.join(dir, 'thong-ke.xlsx');
    const csv = path.join(dir, 'thong-ke.csv');
    const pdf = path.join(dir, 'thong-ke.pdf');
    const withPdf = findChromium() !== null;
    const out = stats('--json', '--xlsx', xlsx, '--csv', csv, ...(withPdf ? ['--pdf', pdf] : []));
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(json);
    expect(out.stderr).toContain(`ra ${xlsx}`);

    const sheets = await readXlsxFile(xlsx);
    expect(sheets.map((s) => s.sheet)).toEqual(['01-TCD', '02-XLD']);
    const received = sheets[1]!.data.find((r) => r[1] === 'Số đơn tiếp nhận trong kỳ');
    expect(received?.[2]).toBe(json.petitions.received);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`,petitions.received,Số đơn tiếp nhận trong kỳ,${json.petitions.received}\r\n`);
    if (withPdf) expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const exports = await countIn(db, "select count(*) as n from audit_log where action = 'export' and entity = 'statistics'");
    expect(exports).toBe(withPdf ? 3 : 2);

    const before = fs.readFileSync(csv);
    const again = stats('--csv', csv);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có; dùng --force để ghi đè');
    expect(fs.readFileSync(csv)).toEqual(before);
    expect(stats('--csv', csv, '--force').status).toBe(0);
  });

  it.each([
    [['stats', '--from', FROM], /Thiếu --to/],
    [['stats', '--to', TO], /Thiếu --from/],
    [['stats'], /Thiếu kỳ thống kê/],
    [['stats', '--from', '2026-02-30', '--to', TO], /Từ ngày không (phải ngày )?hợp lệ/],
    [['stats', '--from', '15/12/2025', '--to', TO], /Từ ngày không (phải ngày )?hợp lệ/],
    [['stats', '--from', TO, '--to', FROM], /Từ ngày phải trước hoặc bằng đến ngày/],
    [['stats', '--from', FROM, '--to', TO, '--xlsx', '/no/such/folder/x.xlsx'], /Không có thư mục/],
    [['stats', '--from', FROM, '--to', TO, '--bogus'], /Tùy chọn không có: --bogus/],
  ])('refuses %j with exit 1 and a Vietnamese message', (args, message) => {
    const out = petreg([...args, '--db', db]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(message);
    expect(isVietnamese(out.stderr)).toBe(true);
    expect(out.stdout).toBe('');
  });

  it('refuses a missing register file with exit 1, creating nothing', () => {
    const missing = path.join(dir, 'missing.sqlite');
    const out = petreg(['stats', '--db', missing, '--from', FROM, '--to', TO, '--json']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`Không có tệp sổ ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it.runIf(onPostgres)('refuses a database the server does not have with exit 1, creating nothing', async () => {
    const missing = new URL(db);
    missing.pathname = `${missing.pathname}_missing`;
    const out = petreg(['stats', '--db', missing.toString(), '--from', FROM, '--to', TO, '--json']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Máy chủ không có cơ sở dữ liệu');
    expect(out.stdout).toBe('');
    const server = new URL(db);
    server.pathname = '/postgres';
    expect(await countIn(server.toString(), 'select count(*) from pg_database where datname = ?', missing.pathname.slice(1))).toBe(0);
  });
});

describe('petreg stats --json by commune', () => {
  it('counts the petitions of each commune where a case arose, as a recount of the records finds them', async () => {
    // A copy of the demo register whose matters record the commune where the case arose: every
    // third matter in Xã An Phú, every fifth (not third) in Phường Cẩm Thành, the others none.
    const copy = await copyCliRegister(db, path.join(dir, 'communes.sqlite'));
    await writeRegister(copy, "update matters set case_commune_code = case when id % 3 = 0 then '21034' when id % 5 = 0 then '21025' end");
    const rows = await queryRegister<{ petition: number; matter: number; code: string | null }>(
      copy,
      'select p.id as petition, m.id as matter, m.case_commune_code as code from petitions p join petition_contents pc on pc.petition_id = p.id join matters m on m.id = pc.matter_id where p.received_on between ? and ?',
      FROM,
      TO,
    );
    const recount = new Map<string, { petitions: Set<number>; matters: Set<number> }>();
    for (const r of rows) {
      if (r.code === null) continue;
      const c = recount.get(r.code) ?? { petitions: new Set(), matters: new Set() };
      c.petitions.add(r.petition);
      c.matters.add(r.matter);
      recount.set(r.code, c);
    }
    const withCommune = new Set(rows.filter((r) => r.code !== null).map((r) => r.petition));
    const received = new Set(rows.map((r) => r.petition)).size;

    const out = petreg(['stats', '--db', copy, '--from', FROM, '--to', TO, '--json']);
    expect(out.status, out.stderr).toBe(0);
    const s = JSON.parse(out.stdout) as Statistics;
    expect(s.by_commune!.communes.map((c) => [c.commune, c.name, c.province_name, c.petitions, c.matters])).toEqual(
      [
        ['21034', 'Xã An Phú', 'Tỉnh Quảng Ngãi'],
        ['21025', 'Phường Cẩm Thành', 'Tỉnh Quảng Ngãi'],
      ].map(([code, name, province]) => [code, name, province, recount.get(code!)!.petitions.size, recount.get(code!)!.matters.size]),
    );
    expect(s.by_commune!.unrecorded).toBe(received - withCommune.size);
    expect(s.petitions.received).toBe(received);
    expect(checkIdentities(s)).toEqual([]);
  }, 120_000);
});
