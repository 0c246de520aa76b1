import { describe, expect, it } from 'vitest';
import { REPORT_FORMS, reportDefinition } from '../../shared/reports/forms.ts';
import { checkRow, parseIdentity } from '../../shared/reports/model.ts';
import { consolidate, headerRows, msLabel, parseReportFile } from '../../shared/reports/report.ts';

const COLUMN_COUNTS: Record<string, number> = { '01/TCD': 30, '02/TCD': 17, '01/XLD': 22, '02/XLD': 26, '03/XLD': 27, '04/XLD': 20 };

describe('official report definitions', () => {
  for (const form of REPORT_FORMS) {
    describe(form.form, () => {
      it('numbers its columns 1..N without gaps, as reports.md lists them', () => {
        expect(form.columns.map((c) => c.ms)).toEqual(Array.from({ length: COLUMN_COUNTS[form.form]! }, (_, i) => i + 1));
      });

      it('prints identities over existing figure columns, and sums refer to existing columns', () => {
        const figures = new Set(form.columns.filter((c) => c.value !== 'note').map((c) => c.ms));
        for (const rule of form.identities) for (const side of parseIdentity(rule)) for (const ms of side) expect(figures.has(ms), `${rule}: ${ms}`).toBe(true);
        for (const c of form.columns) if (c.value !== 'note' && 'sum' in c.value) for (const ms of c.value.sum) expect(figures.has(ms)).toBe(true);
      });

      it('lays out a heading grid whose every row covers every column once', () => {
        const rows = headerRows(form);
        const width = form.columns.length + 2;
        const taken = rows.map(() => new Array<number>(width).fill(0));
        rows.forEach((row, r) => {
          let c = 0;
          for (const cell of row) {
            while (taken[r]![c]) c++;
            for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) taken[r + dr]![c + dc]! += 1;
            c += cell.colSpan ?? 1;
          }
        });
        for (const line of taken) expect(line).toEqual(new Array(width).fill(1));
        const leaves = rows.flat().filter((c) => c.ms !== undefined).map((c) => c.ms);
        expect(leaves.sort((a, b) => a! - b!)).toEqual(form.columns.map((c) => c.ms));
      });
    });
  }

  it('prints the identity in the number row under its total column', () => {
    const xld = reportDefinition('01/XLD')!;
    expect(msLabel(xld, 1)).toBe('1=2+3=4+5');
    expect(msLabel(xld, 6)).toBe('6=8+9+10=11+12+13=14+18');
    expect(msLabel(xld, 2)).toBe('2');
  });

  it('finds a broken identity and names it', () => {
    const xld = reportDefinition('01/XLD')!;
    const columns = Object.fromEntries(xld.columns.map((c) => [String(c.ms), 0]));
    columns['1'] = 5;
    columns['2'] = 2;
    columns['3'] = 3;
    columns['4'] = 4;
    columns['5'] = 0;
    const results = checkRow(xld, columns);
    expect(results.find((r) => r.rule === '1 = 2+3 = 4+5')).toEqual({ rule: '1 = 2+3 = 4+5', holds: false, values: [5, 5, 4] });
    expect(results.filter((r) => !r.holds)).toHaveLength(1);
  });

  it('consolidates units with a total row and checks every row', () => {
    const tcd = reportDefinition('02/TCD')!;
    const zero = Object.fromEntries(tcd.columns.filter((c) => c.value !== 'note').map((c) => [String(c.ms), 0]));
    const a = { unit: 'Sở A', columns: { ...zero, '1': 2, '3': 2, '9': 2, '2': 1, '4': 1, '10': 1 } };
    const b = { unit: 'UBND xã B', columns: { ...zero, '1': 1, '5': 1, '11': 1, '2': 1, '6': 1, '12': 1, '14': 1 } };
    const report = consolidate(tcd, { from: '2026-06-15', to: '2026-12-14' }, [a, b]);
    expect(report.total!.columns['1']).toBe(3);
    expect(report.total!.columns['12']).toBe(1);
    expect(report.identities.filter((i) => !i.holds)).toEqual([]);
    const broken = consolidate(tcd, report.period, [{ unit: 'Sở C', columns: { ...zero, '1': 1 } }]);
    expect(broken.identities.filter((i) => !i.holds).map((i) => i.rule)).toContain('1 = 3+5+7 = 9+11');
  });

  it('refuses a unit file that is not a report, naming the file and the column', () => {
    expect(() => parseReportFile('{', 'a.json')).toThrow('Tệp a.json không phải JSON hợp lệ');
    expect(() => parseReportFile(JSON.stringify({ form: '09/XYZ', period: { from: '2026-01-01', to: '2026-01-31' }, rows: [{ unit: 'A', columns: {} }] }), 'b.json')).toThrow(
      'mẫu 09/XYZ không có',
    );
    expect(() =>
      parseReportFile(JSON.stringify({ form: '01/XLD', period: { from: '2026-01-01', to: '2026-01-31' }, rows: [{ unit: 'A', columns: { '1': 1 } }] }), 'c.json'),
    ).toThrow('thiếu cột 2');
  });
});
