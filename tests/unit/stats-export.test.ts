// The report forms as data (01/TCD, 02/XLD) and the writers laid out from them: every printed figure
// is the Statistics figure its key names, the CSV follows RFC 4180 with a BOM, heading spans land
// on the right columns, and the HTML escapes what it prints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, statisticsCsv } from '../../db/stats-export/csv.ts';
import { headGrid, statisticsXlsx } from '../../db/stats-export/xlsx.ts';
import readXlsxFile from 'read-excel-file/node';
import { FIELDS, PETITION_KINDS } from '../../shared/domain/petition.ts';
import { DECISION_ACTIONS, INELIGIBLE_REASONS } from '../../shared/domain/workflow.ts';
import { checkIdentities, RECEPTION_GROUPS, type AgencyFigures, type Statistics } from '../../shared/stats/definitions.ts';
import { buildStatisticsReport, reportFigures, statisticsFileName, type StatisticsReport } from '../../shared/stats/export-table.ts';
import { statisticsPage } from '../../shared/stats/export-html.ts';
import { statsExportSchema } from '../../shared/stats/export-request.ts';

const HEADER = { parentBody: 'UBND TỈNH QUẢNG NGÃI', boardName: 'Ban Tiếp công dân tỉnh Quảng Ngãi' };
const LETTERHEAD = { ...HEADER, placeName: 'Quảng Ngãi', signerName: 'Nguyễn Văn A', signerTitle: 'TRƯỞNG BAN' };

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function sample(): Statistics {
  return {
    period: { from: '2025-12-15', to: '2026-12-14' },
    as_of: '2026-11-21',
    reception: {
      regular: { sessions: 222, visits: 280, persons: 548, delegations: 19, delegation_persons: 235 },
      leaders: { sessions: 18, visits: 51, persons: 297, delegations: 16, delegation_persons: 253 },
      online: { sessions: 4, visits: 13, persons: 14, delegations: 0, delegation_persons: 0 },
    },
    petitions: {
      received: 10,
      carried_over: 3,
      multi_signatory: 2,
      eligible: { total: 6, complaint: 3, denunciation: 1, recommendation: 1, multiple: 1 },
      ineligible: { total: 3, by_reason: { ...zeros(INELIGIBLE_REASONS), duplicate: 2, other: 1 } },
      unclassified: 1,
      by_field: { ...zeros(FIELDS), land: 6, housing: 4 },
      decisions: { ...zeros(DECISION_ACTIONS), forward: 4, accept: 2, file: 2, total: 8, undecided: 2 },
      forwarded_by_agency: [
        { agency: 'SO-NNMT', name: 'Sở Nông nghiệp và Môi trường', forwarded: 3, replied: 2, replied_on_time: 1, replied_late: 1, overdue: 1, pending: 0 },
        { agency: 'X<1>', name: 'Cơ quan "A", <b>B</b> & C', forwarded: 1, replied: 0, replied_on_time: 0, replied_late: 0, overdue: 0, pending: 1 },
      ],
    },
    by_commune: { units_on: '2026-11-21', communes: [{ commune: '51001', name: 'Phường A', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 4, matters: 3 }], unrecorded: 6 },
  };
}

/** A figure's key resolved in the JSON (derived keys summed here, independently of the report). */
function resolve(s: Statistics, key: string): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let m = /^reception\.total\.(\w+)$/.exec(key);
  if (m) return sum(RECEPTION_GROUPS.map((g) => (s.reception[g] as unknown as Record<string, number>)[m![1]!]!));
  if (key === 'petitions.to_handle') return s.petitions.received + s.petitions.carried_over;
  const c = /^by_commune\.communes\[(\d{5})\]\.(\w+)$/.exec(key);
  if (c) return (s.by_commune!.communes.find((x) => x.commune === c[1]) as unknown as Record<string, number>)[c[2]!]!;
  m = /^petitions\.forwarded_by_agency\[(.+)\]\.(\w+)$/.exec(key);
  if (m) return sum(s.petitions.forwarded_by_agency.filter((a) => m![1] === '*' || a.agency === m![1]).map((a) => (a as unknown as Record<string, number>)[m![2]!]!));
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
}

describe('buildStatisticsReport', () => {
  it('heads the report with the Board and the period', () => {
    const r = buildStatisticsReport(sample(), HEADER);
    expect(r.parentBody).toBe('UBND TỈNH QUẢNG NGÃI');
    expect(r.boardName).toBe('Ban Tiếp công dân tỉnh Quảng Ngãi');
    expect(r.periodLine).toBe('Kỳ báo cáo: từ 15/12/2025 đến 14/12/2026');
    expect(r.asOfLine).toBe('Số liệu tính đến ngày 21/11/2026');
    expect(r.forms.map((f) => [f.id, f.code, f.title])).toEqual([
      ['01-TCD', 'Biểu số 01/TCD', 'TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN'],
      ['02-XLD', 'Biểu số 02/XLD', 'TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN'],
    ]);
  });

  it('lays 01/TCD out as regular / leaders / online / total rows with the five reception columns', () => {
    const [tcd] = buildStatisticsReport(sample(), HEADER).forms;
    const table = tcd.tables[0]!;
    const values = table.rows.map((r) => r.cells.map((c) => (c !== null && typeof c === 'object' ? c.value : c)));
    expect(values).toEqual([
      ['1', 'Tiếp thường xuyên', 222, 280, 548, 19, 235],
      ['2', 'Lãnh đạo tiếp (định kỳ, đột xuất)', 18, 51, 297, 16, 253],
      ['3', 'Tiếp trực tuyến', 4, 13, 14, 0, 0],
      [null, 'Tổng cộng', 244, 344, 859, 35, 488],
    ]);
    expect(table.rows.at(-1)!.kind).toBe('total');
    expect(table.head[0]!.map((h) => h.text)).toEqual(['STT', 'Hình thức tiếp', 'Số kỳ, buổi tiếp', 'Số lượt tiếp', 'Số người được tiếp', 'Đoàn đông người']);
    expect(table.head[1]!.map((h) => h.text)).toEqual(['Số đoàn', 'Số người']);
  });

  it('lays 02/XLD out with the ineligibility reasons as the Board words them, and an agency total', () => {
    const r = buildStatisticsReport(sample(), { ...HEADER, reasonLabels: { other: 'Lý do khác của Ban' } });
    const [list, agencies] = r.forms[1].tables;
    const labels = list!.rows.map((row) => row.cells[1]);
    expect(labels).toContain('Lý do khác của Ban');
    expect(labels).toContain('Đơn trùng lặp với đơn đã xử lý');
    expect(labels).toContain('Tổng số đơn phải xử lý (3 = 1 + 2)');
    expect(list!.rows.filter((row) => row.kind === 'section').map((row) => row.cells[0])).toEqual(['I', 'II', 'III', 'IV']);
    expect(agencies!.caption).toBe('V. Đơn chuyển đến cơ quan có thẩm quyền (đơn tiếp nhận trong kỳ)');
    const total = agencies!.rows.at(-1)!;
    expect(total.kind).toBe('total');
    expect(total.cells.slice(2).map((c) => (c as { value: number }).value)).toEqual([4, 2, 1, 1, 1, 1]);
  });

  it('prints a note instead of an empty agency table', () => {
    const s = sample();
    s.petitions.forwarded_by_agency = [];
    const agencies = buildStatisticsReport(s, HEADER).forms[1].tables[1]!;
    expect(agencies.rows).toEqual([]);
    expect(agencies.empty).toBe('Không có đơn nào được chuyển trong kỳ.');
  });

  it('gives every figure a unique key that names its value in the JSON, whatever the figures', () => {
    const n = fc.nat(10_000);
    const agency = fc.record({ agency: fc.stringMatching(/^[A-Z]{2,5}-[A-Z]{2,6}$/), name: fc.string({ minLength: 1, maxLength: 30 }), forwarded: n, replied: n, replied_on_time: n, replied_late: n, overdue: n, pending: n });
    const reception = fc.record({ sessions: n, visits: n, persons: n, delegations: n, delegation_persons: n });
    const record = <K extends string>(keys: readonly K[]) => fc.record(Object.fromEntries(keys.map((k) => [k, n]))) as fc.Arbitrary<Record<K, number>>;
    const statistics: fc.Arbitrary<Statistics> = fc.record({
      period: fc.constant<Statistics['period']>({ from: '2026-01-01', to: '2026-12-31' }),
      as_of: fc.constant<string>('2026-06-30'),
      reception: fc.record({ regular: reception, leaders: reception, online: reception }),
      petitions: fc.record({
        received: n,
        carried_over: n,
        multi_signatory: n,
        eligible: fc.record({ total: n, ...Object.fromEntries(PETITION_KINDS.map((k) => [k, n])) }) as fc.Arbitrary<Statistics['petitions']['eligible']>,
        ineligible: fc.record({ total: n, by_reason: record(INELIGIBLE_REASONS) }),
        unclassified: n,
        by_field: record(FIELDS),
        decisions: fc.record({ total: n, undecided: n, ...Object.fromEntries(DECISION_ACTIONS.map((a) => [a, n])) }) as fc.Arbitrary<Statistics['petitions']['decisions']>,
        forwarded_by_agency: fc.uniqueArray(agency, { maxLength: 6, selector: (a: AgencyFigures) => a.agency }),
      }),
      by_commune: fc.record({
        units_on: fc.constant('2026-06-30'),
        communes: fc.uniqueArray(
          fc.record({ commune: fc.stringMatching(/^\d{5}$/), name: fc.option(fc.string({ minLength: 1, maxLength: 20 })), province: fc.constant('51'), province_name: fc.constant('Tỉnh Quảng Ngãi'), petitions: n, matters: n }),
          { maxLength: 5, selector: (x) => x.commune },
        ),
        unrecorded: n,
      }),
    });
    fc.assert(
      fc.property(statistics, (s) => {
        const figures = reportFigures(buildStatisticsReport(s, HEADER));
        expect(new Set(figures.map((f) => f.key)).size).toBe(figures.length);
        for (const f of figures) expect(f.value, f.key).toBe(resolve(s, f.key));
        // 4 reception rows × 5; petitions 4 (I) + 5 + 9 + 1 (II) + 8 (III) + 8 (IV: six actions with urge, total, undecided); 6 per agency and a total line;
        // 2 per commune and the unrecorded line (VI).
        const agencies = s.petitions.forwarded_by_agency.length;
        expect(figures).toHaveLength(20 + 35 + (agencies === 0 ? 0 : 6 * (agencies + 1)) + 2 * s.by_commune!.communes.length + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('builds from a consistent Statistics object', () => {
    expect(checkIdentities(sample())).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 says, and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('Đất đai')).toBe('Đất đai');
    expect(csvField('Số kỳ, buổi tiếp')).toBe('"Số kỳ, buổi tiếp"');
    expect(csvField('Cơ quan "A"')).toBe('"Cơ quan ""A"""');
    expect(csvField('hai\r\ndòng')).toBe('"hai\r\ndòng"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(1000)).toBe('1000');
  });

  it('starts with a BOM, ends every record with CRLF, and has four fields per record', () => {
    const r = buildStatisticsReport(sample(), HEADER);
    const text = statisticsCsv(r);
    expect(text.startsWith('\uFEFFPhần,Mã chỉ tiêu,Chỉ tiêu,Giá trị\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('Biểu số 01/TCD – Tổng hợp kết quả tiếp công dân,reception.regular.visits,Tiếp thường xuyên: số lượt tiếp,280\r\n');
    expect(text).toContain('Thông tin chung,period.from,Kỳ báo cáo từ ngày,2025-12-15\r\n');
    expect(text).toContain(`,petitions.forwarded_by_agency[X<1>].pending,"Cơ quan ""A"", <b>B</b> & C (X<1>): chưa báo cáo, chưa đến hạn",1\r\n`);
    expect(text.split('\r\n').length - 1).toBe(1 + 5 + reportFigures(r).length);
  });
});

describe('XLSX', () => {
  it('lays heading spans on the columns they cover', () => {
    const head = buildStatisticsReport(sample(), HEADER).forms[1].tables[1]!.head;
    const grid = headGrid(head, 8);
    expect(grid[0]!.map((c) => c?.text ?? null)).toEqual(['STT', 'Cơ quan nhận đơn', 'Số đơn đã chuyển', 'Đã có báo cáo kết quả', null, null, 'Chưa có báo cáo kết quả', null]);
    expect(grid[1]!.map((c) => c?.text ?? null)).toEqual([null, null, null, 'Tổng số', 'Đúng hạn', 'Quá hạn', 'Đã quá hạn', 'Chưa đến hạn']);
  });

  it('writes a workbook with the two sheets and numbers as numbers', async () => {
    const bytes = await statisticsXlsx(buildStatisticsReport(sample(), HEADER));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheets = await readXlsxFile(bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['01-TCD', '02-XLD']);
    expect(sheets[0]!.data.find((r) => r[1] === 'Tổng cộng')).toEqual([null, 'Tổng cộng', 244, 344, 859, 35, 488]);
    expect(sheets[1]!.data.find((r) => r[1] === 'Cơ quan "A", <b>B</b> & C')).toEqual(['2', 'Cơ quan "A", <b>B</b> & C', 1, 0, 0, 0, 0, 1]);
  });
});

describe('HTML report', () => {
  const html = statisticsPage(buildStatisticsReport(sample(), HEADER), { letterhead: LETTERHEAD, issuedOn: '2026-11-21' });

  it('prints both forms, each under the Decree 30 header, on A4', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/g)).toHaveLength(2);
    expect(html).toContain('Quảng Ngãi, ngày 21 tháng 11 năm 2026');
    expect(html).toContain('TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN');
    expect(html).toContain('TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN');
    expect(html).toContain('Kỳ báo cáo: từ 15/12/2025 đến 14/12/2026');
    expect(html).toContain('<td class="n">859</td>');
    expect(html).toContain('Nguyễn Văn A');
  });

  it('escapes what it prints and keeps the strict content policy', () => {
    expect(html).not.toContain('<b>B</b>');
    expect(html).toContain('Cơ quan &quot;A&quot;, &lt;b&gt;B&lt;/b&gt; &amp; C');
    expect(html).toContain(`content="default-src 'none'`);
    expect(html).not.toMatch(/<script/i);
  });
});

describe('stats.export request', () => {
  it('takes a period and a format, and refuses anything else in Vietnamese', () => {
    expect(statsExportSchema.parse({ from: '2026-01-01', to: '2026-03-31', format: 'csv' })).toEqual({ from: '2026-01-01', to: '2026-03-31', format: 'csv' });
    const bad = (input: unknown) => statsExportSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(bad({ from: '2026-03-31', to: '2026-01-01', format: 'csv' })).toEqual(['Từ ngày phải trước hoặc bằng đến ngày']);
    expect(bad({ from: '2026-01-01', to: '2026-03-31', format: 'docx' })).toEqual(['Định dạng xuất phải là xlsx, csv hoặc pdf']);
    expect(bad({ from: '2026-01-01', to: '2026-03-31', format: 'csv', extra: 1 })).toHaveLength(1);
  });

  it('names files in ASCII after the period', () => {
    const r: StatisticsReport = buildStatisticsReport(sample(), HEADER);
    expect(statisticsFileName(r.period, 'xlsx')).toBe('thong-ke_2025-12-15_2026-12-14.xlsx');
  });
});
