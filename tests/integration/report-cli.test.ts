// `petreg report` as a user runs it: a child process on a `petreg demo` register — the JSON of
// reports.md with every numbered column and every identity holding, the XLSX, consolidation of
// other units' JSON files with a total row, and its refusals (exit 1, in Vietnamese).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petreg as runPetreg } from '../helpers/petreg.ts';
import { cliRegister, dropCliRegisters } from '../helpers/cli-register.ts';
import { onPostgres } from '../helpers/register.ts';
import { REPORT_FORMS, reportDefinition } from '../../shared/reports/forms.ts';
import { figureColumns } from '../../shared/reports/model.ts';
import type { OfficialReport } from '../../shared/reports/report.ts';

const FROM = '2026-06-15';
const TO = '2026-12-14';

let dir: string;
let db: string;

/** petreg with this run's default data folder, killed after two minutes. */
function petreg(args: string[]) {
  return runPetreg(args, { PETREG_DATA_DIR: path.join(dir, 'default') }, 120_000);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-report-cli-'));
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

describe('petreg report', () => {
  for (const definition of REPORT_FORMS) {
    it(`${definition.form} --json prints every numbered column with every identity holding`, () => {
      const out = petreg(['report', definition.form, '--from', FROM, '--to', TO, '--json', '--db', db]);
      expect(out.status, out.stderr).toBe(0);
      const report = JSON.parse(out.stdout) as OfficialReport;
      expect(report).toMatchObject({ form: definition.form, title: definition.title, period: { from: FROM, to: TO } });
      expect(Object.keys(report.rows[0]!.columns).sort()).toEqual(figureColumns(definition).map((c) => String(c.ms)).sort());
      for (const value of Object.values(report.rows[0]!.columns)) expect(Number.isInteger(value) && value >= 0).toBe(true);
      expect(report.identities.map((i) => i.rule)).toEqual(definition.identities);
      expect(report.identities.every((i) => i.holds)).toBe(true);
    });
  }

  it('01/XLD: prints all 22 columns, writes the form as XLSX, and adds other units with a total row', async () => {
    const out = petreg(['report', '01/XLD', '--from', FROM, '--to', TO, '--json', '--db', db]);
    const own = JSON.parse(out.stdout) as OfficialReport;
    expect(Object.keys(own.rows[0]!.columns)).toHaveLength(22);
    const unit = path.join(dir, 'unit.json');
    fs.writeFileSync(unit, JSON.stringify({ ...own, rows: [{ ...own.rows[0]!, unit: 'UBND xã Tịnh Khê' }] }));
    const xlsx = path.join(dir, '01-xld.xlsx');
    const both = petreg(['report', '01/XLD', '--from', FROM, '--to', TO, '--json', '--unit', unit, '--unit', unit, '--xlsx', xlsx, '--db', db]);
    expect(both.status, both.stderr).toBe(0);
    const consolidated = JSON.parse(both.stdout) as OfficialReport;
    expect(consolidated.rows.map((r) => r.unit)).toEqual(['Ban Tiếp công dân tỉnh Quảng Ngãi', 'UBND xã Tịnh Khê', 'UBND xã Tịnh Khê']);
    for (const [ms, value] of Object.entries(own.rows[0]!.columns)) expect(consolidated.total!.columns[ms]).toBe(3 * value);
    expect(consolidated.identities).toHaveLength(4 * reportDefinition('01/XLD')!.identities.length);
    expect(both.stderr).toContain('Đã ghi biểu số 01/XLD');
    const rows = (await readXlsxFile(fs.readFileSync(xlsx)))[0]!.data.map((r) => r.map((c) => (c === null ? '' : String(c))));
    const total = rows.find((r) => r[1] === 'Tổng cộng')!;
    expect(Number(total[2])).toBe(3 * own.rows[0]!.columns['1']!);
  });

  it('refuses what it cannot do, in Vietnamese, with exit 1', { timeout: 120_000 }, () => {
    const cases: [string[], string][] = [
      [['report', '--from', FROM, '--to', TO], 'Thiếu mẫu báo cáo'],
      [['report', '05/XLD', '--from', FROM, '--to', TO], 'Mẫu báo cáo không có'],
      [['report', '01/XLD', '--to', TO], 'Thiếu --from'],
      [['report', '01/XLD', '--from', '2026-02-30', '--to', TO], 'Từ ngày không hợp lệ'],
      [['report', '01/XLD', '--from', TO, '--to', FROM], 'Từ ngày phải trước hoặc bằng đến ngày'],
    ];
    for (const [args, message] of cases) {
      const out = petreg([...args, '--db', db]);
      expect(out.status, args.join(' ')).toBe(1);
      expect(out.stderr).toContain(message);
    }
    const wrongPeriod = path.join(dir, 'other-period.json');
    fs.writeFileSync(wrongPeriod, JSON.stringify({ form: '01/XLD', period: { from: '2026-01-01', to: '2026-01-31' }, rows: [{ unit: 'A', columns: {} }] }));
    const out = petreg(['report', '01/XLD', '--from', FROM, '--to', TO, '--unit', wrongPeriod, '--db', db]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/thiếu cột 1|khác kỳ/);
    const broken = path.join(dir, 'broken.json');
    const zero = Object.fromEntries(figureColumns(reportDefinition('01/XLD')!).map((c) => [String(c.ms), 0]));
    fs.writeFileSync(broken, JSON.stringify({ form: '01/XLD', period: { from: FROM, to: TO }, rows: [{ unit: 'Sở X', columns: { ...zero, '1': 5 } }] }));
    const refused = petreg(['report', '01/XLD', '--from', FROM, '--to', TO, '--unit', broken, '--db', db]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Sở X: 1 = 2+3 = 4+5');
  });
});
