// Each official form as an XLSX: read back (cells, merged headings, A4 landscape fitted to the
// width), then opened in LibreOffice headless and converted to CSV, which must carry the same
// headings, number row and figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { reportXlsx } from '../../db/reports-export/xlsx.ts';
import { REPORT_FORMS } from '../../shared/reports/forms.ts';
import { figureColumns, type ReportDefinition } from '../../shared/reports/model.ts';
import { consolidate, headerRows, msLabel, type OfficialReport } from '../../shared/reports/report.ts';

const HEADER = {
  parentBody: 'UBND TỈNH QUẢNG NGÃI',
  boardName: 'Ban Tiếp công dân tỉnh Quảng Ngãi',
  placeName: 'Quảng Ngãi',
  signerTitle: 'TRƯỞNG BAN',
  signerName: 'Nguyễn Văn Ký',
  signedOn: '2026-12-15',
};

/** Figures 100 + column number for the Board, 200 + for a unit: every cell tells where it came from. */
function sampleReport(definition: ReportDefinition): OfficialReport {
  const row = (unit: string, base: number) => ({ unit, columns: Object.fromEntries(figureColumns(definition).map((c) => [String(c.ms), base + c.ms])) });
  return consolidate(definition, { from: '2026-06-15', to: '2026-12-14' }, [row('Ban Tiếp công dân tỉnh Quảng Ngãi', 100), row('UBND xã Tịnh Khê', 200)]);
}

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));

describe('official forms as XLSX', () => {
  for (const definition of REPORT_FORMS) {
    it(`${definition.form}: title, merged headings, number row, unit rows and total, A4 landscape`, async () => {
      const report = sampleReport(definition);
      const bytes = await reportXlsx(definition, report, HEADER);
      const rows = (await readXlsxFile(bytes))[0]!.data as unknown[][];
      const flat = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
      const find = (text: string) => flat.findIndex((r) => r.includes(text));
      expect(find(definition.title)).toBeGreaterThan(0);
      expect(find(`Biểu số ${definition.form}`)).toBeGreaterThan(0);
      expect(find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(0);
      // Every heading of the grid is in the sheet.
      for (const cell of headerRows(definition).flat()) expect(flat.some((r) => r.includes(cell.text)), cell.text).toBe(true);
      // The number row: A, B, then each column's label (identities under the totals).
      const msRow = flat[find('A')]!;
      expect(msRow.slice(0, 2 + definition.columns.length)).toEqual(['A', 'B', ...definition.columns.map((c) => msLabel(definition, c.ms))]);
      const board = flat[find('Ban Tiếp công dân tỉnh Quảng Ngãi')]!;
      const total = flat[find('Tổng cộng')]!;
      for (const [i, c] of definition.columns.entries()) {
        if (c.value === 'note') continue;
        expect(Number(board[2 + i])).toBe(report.rows[0]!.columns[String(c.ms)]);
        expect(Number(total[2 + i])).toBe(report.total!.columns[String(c.ms)]);
      }
      expect(find('NGƯỜI LẬP BIỂU')).toBeGreaterThan(0);
      expect(find('Nguyễn Văn Ký')).toBeGreaterThan(0);

      const files = unzipSync(new Uint8Array(bytes));
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
      expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/);
      expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"/);
      expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
      expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
      const merges = [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]);
      const spans = headerRows(definition).flat().filter((c) => (c.colSpan ?? 1) > 1 || (c.rowSpan ?? 1) > 1).length;
      // The heading spans, plus the title lines and the signature blocks.
      expect(merges.length).toBeGreaterThanOrEqual(spans);
    });
  }

  it.skipIf(!soffice)('opens in LibreOffice with the same headings, number row and figures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-xlsx-'));
    try {
      const inputs = REPORT_FORMS.map((definition) => {
        const file = path.join(dir, `${definition.form.replace('/', '-')}.xlsx`);
        return { definition, file };
      });
      for (const { definition, file } of inputs) fs.writeFileSync(file, await reportXlsx(definition, sampleReport(definition), HEADER));
      const profile = path.join(dir, 'profile');
      const result = spawnSync(
        soffice!,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, ...inputs.map((i) => i.file)],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(result.status, result.stderr).toBe(0);
      for (const { definition, file } of inputs) {
        const csv = fs.readFileSync(file.replace(/\.xlsx$/, '.csv'), 'utf8');
        expect(csv).toContain(definition.title);
        for (const cell of headerRows(definition).flat()) expect(csv, cell.text).toContain(cell.text);
        const lines = csv.split('\n');
        const msLine = lines.find((l) => l.startsWith('A,B,'))!;
        expect(msLine.split(',').slice(2, 2 + definition.columns.length)).toEqual(definition.columns.map((c) => msLabel(definition, c.ms).replace(/,/g, '')));
        const board = lines.find((l) => l.includes('Ban Tiếp công dân tỉnh Quảng Ngãi') && /^"?1"?,/.test(l))!;
        const values = board.split(',').slice(2);
        for (const [i, c] of definition.columns.entries()) if (c.value !== 'note') expect(Number(values[i])).toBe(100 + c.ms);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
