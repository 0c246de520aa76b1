import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fillDemo, startPreview, tempDbPath, type Preview } from './preview.ts';
import { callApi } from './pages/law.ts';
import { AppPage } from './pages/app.ts';
import { FIELDS, FIELD_LABELS, PETITION_KINDS, PETITION_KIND_LABELS } from '../../shared/domain/petition.ts';
import { DECISION_ACTIONS, DECISION_ACTION_LABELS, DEFAULT_REASON_LABELS, INELIGIBLE_REASONS } from '../../shared/domain/workflow.ts';
import { PETITION_FIGURE_LABELS as L, RECEPTION_GROUPS, type Statistics } from '../../shared/stats/definitions.ts';
import type { PetitionPage } from '../../shared/domain/petition.ts';

const DRILL_PAGE_SIZE = 50;


let preview: Preview;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dbPath = tempDbPath('petreg-stats-');
  await fillDemo(dbPath);
  // The demo ends today by the real clock, so the preview keeps the real clock too.
  preview = await startPreview(dbPath);
});

test.afterAll(async () => {
  await preview?.stop();
});


const vn = (n: number) => n.toLocaleString('vi-VN');
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** A clickable petition figure by its name, e.g. "Đơn đủ điều kiện xử lý — Khiếu nại". */
function figure(page: Page, name: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) });
}

async function choose(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Every figure of form 02/XLD on screen equals the core's statistics of the same period. */
async function expectPetitionFigures(page: Page, s: Statistics): Promise<void> {
  const p = s.petitions;
  const expected: [string, number][] = [
    [L.received, p.received],
    [L.carried_over, p.carried_over],
    [L.multi_signatory, p.multi_signatory],
    [L.eligible, p.eligible.total],
    ...PETITION_KINDS.map((k): [string, number] => [`${L.eligible} — ${PETITION_KIND_LABELS[k]}`, p.eligible[k]]),
    [L.ineligible, p.ineligible.total],
    ...INELIGIBLE_REASONS.map((r): [string, number] => [`${L.ineligible} — ${DEFAULT_REASON_LABELS[r]}`, p.ineligible.by_reason[r]]),
    [L.unclassified, p.unclassified],
    ...FIELDS.map((f): [string, number] => [`Lĩnh vực — ${FIELD_LABELS[f]}`, p.by_field[f]]),
    ...DECISION_ACTIONS.map((a): [string, number] => [`${L.decisions} — ${DECISION_ACTION_LABELS[a]}`, p.decisions[a]]),
    [L.undecided, p.decisions.undecided],
  ];
  for (const a of p.forwarded_by_agency.slice(0, 3)) {
    expected.push([`${a.name} — Số đơn đã chuyển`, a.forwarded], [`${a.name} — Đã trả lời`, a.replied], [`${a.name} — Quá hạn chưa trả lời`, a.overdue], [`${a.name} — Chưa đến hạn trả lời`, a.pending]);
  }
  const sum = (k: 'forwarded' | 'overdue') => p.forwarded_by_agency.reduce((n, a) => n + a[k], 0);
  expected.push(['Tất cả cơ quan — Số đơn đã chuyển', sum('forwarded')], ['Tất cả cơ quan — Quá hạn chưa trả lời', sum('overdue')]);
  for (const [name, value] of expected) await expect(figure(page, name), name).toHaveText(vn(value));
  const totalRow = page.getByRole('table', { name: 'Tiếp nhận đơn' }).getByRole('row').filter({ hasText: 'Tổng số đơn phải xử lý' });
  await expect(totalRow.getByRole('cell').nth(2)).toHaveText(vn(p.received + p.carried_over));
}

test('statistics: official periods, forms 01/TCD and 02/XLD equal the core, drill to the petitions, export, charts', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(preview.url);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));

  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Thống kê', level: 2 })).toBeVisible();
  await expect(app.nav('Thống kê')).toHaveAttribute('data-active', 'true');

  // Calendar year.
  await choose(page, 'Loại kỳ báo cáo', 'Năm (theo lịch)');
  await page.getByRole('textbox', { name: 'Năm' }).fill(String(year));
  const periodText = page.getByTestId('stats-period');
  await expect(periodText).toHaveText(`Kỳ báo cáo: từ 01/01/${year} đến 31/12/${year}`);
  const yearStats = await callApi<Statistics>(page, 'stats.get', { from: `${year}-01-01`, to: `${year}-12-31` });
  expect(yearStats.petitions.received).toBeGreaterThan(0);
  // The demo classifies and decides most petitions; statistics read the petitions' copies of those.
  expect(yearStats.petitions.received - yearStats.petitions.unclassified, 'classified petitions in the demo year').toBeGreaterThan(0);
  expect(yearStats.petitions.decisions.forward, 'forwarded petitions in the demo year').toBeGreaterThan(0);
  await page.getByRole('tab', { name: /mẫu 02\/XLD/ }).click();
  await expect(figure(page, L.received)).toHaveText(vn(yearStats.petitions.received));
  await expectPetitionFigures(page, yearStats);

  // The official quarter containing today (15th–14th): the figures change to that period's.
  await choose(page, 'Loại kỳ báo cáo', 'Quý (kỳ báo cáo)');
  const day = Number(today.slice(8, 10));
  let month = Number(today.slice(5, 7)) + (day >= 15 ? 1 : 0);
  let qYear = year;
  if (month === 13) [month, qYear] = [1, year + 1];
  const quarter = Math.ceil(month / 3);
  if (qYear !== year) await page.getByRole('textbox', { name: 'Năm' }).fill(String(qYear));
  await expect(page.getByRole('combobox', { name: 'Quý' })).toHaveValue(`Quý ${['I', 'II', 'III', 'IV'][quarter - 1]}`);
  const q = await callApi<{ from: string; to: string }>(page, 'stats.periods', { kind: 'official_quarter', year: qYear, index: quarter });
  expect(q.from.slice(8)).toBe('15');
  expect(q.to.slice(8)).toBe('14');
  await expect(periodText).toHaveText(`Kỳ báo cáo: từ ${dmy(q.from)} đến ${dmy(q.to)}`);
  const qStats = await callApi<Statistics>(page, 'stats.get', q);
  expect(qStats.petitions.received).not.toBe(yearStats.petitions.received);
  await expect(figure(page, L.received)).toHaveText(vn(qStats.petitions.received));
  await expectPetitionFigures(page, qStats);
  if (process.env.SCREENSHOTS === '1') {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // no focus ring in the picture
    await page.waitForTimeout(300);
  }
  await app.screenshot('statistics');

  // Form 01/TCD: the reception rows and their total.
  await page.getByRole('tab', { name: /mẫu 01\/TCD/ }).click();
  const reception = page.getByRole('table', { name: 'Biểu 01/TCD — Kết quả tiếp công dân' });
  const receptionRow = (label: RegExp) => reception.getByRole('row').filter({ hasText: label });
  const r = qStats.reception;
  await expect(receptionRow(/^1Tiếp thường xuyên/).getByRole('cell').nth(3)).toHaveText(vn(r.regular.visits));
  await expect(receptionRow(/Lãnh đạo tiếp/).getByRole('cell').nth(2)).toHaveText(vn(r.leaders.sessions));
  const totals = receptionRow(/Tổng cộng/).getByRole('cell');
  await expect(totals.nth(2)).toHaveText(vn(RECEPTION_GROUPS.reduce((n, g) => n + r[g].sessions, 0)));
  await expect(totals.nth(3)).toHaveText(vn(RECEPTION_GROUPS.reduce((n, g) => n + r[g].visits, 0)));
  await expect(totals.nth(4)).toHaveText(vn(RECEPTION_GROUPS.reduce((n, g) => n + r[g].persons, 0)));
  await expect(totals.nth(5)).toHaveText(vn(RECEPTION_GROUPS.reduce((n, g) => n + r[g].delegations, 0)));
  await expect(reception.getByRole('button')).toHaveCount(0);

  // Export: the core's XLSX through the browser's download, under the name the core gives.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = path.join(path.dirname(preview.dbPath), download.suggestedFilename());
  await download.saveAs(saved);
  const bytes = fs.readFileSync(saved);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Charts: twelve months by kind, the classification, the bodies most overdue.
  await page.getByRole('tab', { name: 'Biểu đồ' }).click();
  await expect(page.getByRole('heading', { name: 'Số đơn tiếp nhận theo tháng, phân theo loại đơn' })).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByText('Kiến nghị, phản ánh').first()).toBeVisible();
  await expect(figure(page, `${L.eligible} (biểu đồ)`)).toHaveText(vn(qStats.petitions.eligible.total));
  if (process.env.SCREENSHOTS === '1') {
    await page.mouse.move(0, 0);
    await page.mouse.wheel(0, 160);
    await page.waitForTimeout(800); // the bars' grow-in
  }
  await app.screenshot('statistics-charts');

  // Drill: the petitions received in the quarter, a page of 50 at a time, in register order.
  await page.getByRole('tab', { name: /mẫu 02\/XLD/ }).click();
  await figure(page, L.received).click();
  let drawer = page.getByRole('dialog', { name: L.received });
  let list = drawer.getByRole('table', { name: 'Danh sách đơn của chỉ tiêu' });
  await expect(drawer.getByTestId('drill-total')).toHaveText(`${vn(qStats.petitions.received)} đơn`);
  await expect(list.locator('tbody tr')).toHaveCount(Math.min(qStats.petitions.received, DRILL_PAGE_SIZE));
  const received = await callApi<PetitionPage>(page, 'stats.drill', { ...q, drill: 'received', limit: 1000 });
  expect(received.total).toBe(qStats.petitions.received);
  if (received.total > DRILL_PAGE_SIZE) {
    await drawer.getByRole('button', { name: 'Trang 2' }).click();
    await expect(list.locator('tbody tr').first()).toContainText(received.rows[DRILL_PAGE_SIZE]!.registerNo);
    await expect(list.locator('tbody tr')).toHaveCount(Math.min(received.total - DRILL_PAGE_SIZE, DRILL_PAGE_SIZE));
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The complaints found eligible in the quarter: as many rows as the figure says.
  const complaints = qStats.petitions.eligible.complaint;
  expect(complaints).toBeGreaterThan(0);
  const drillName = `${L.eligible} — ${PETITION_KIND_LABELS.complaint}`;
  await figure(page, drillName).click();
  drawer = page.getByRole('dialog', { name: drillName });
  list = drawer.getByRole('table', { name: 'Danh sách đơn của chỉ tiêu' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('drill-total')).toHaveText(`${vn(complaints)} đơn`);
  await expect(list.locator('tbody tr')).toHaveCount(Math.min(complaints, DRILL_PAGE_SIZE));
  const drilled = await callApi<PetitionPage>(page, 'stats.drill', { ...q, drill: 'eligible', part: 'complaint', limit: 1000 });
  expect(drilled.total).toBe(complaints);
  expect(drilled.rows.every((row) => row.kind === 'complaint' && row.receivedOn >= q.from && row.receivedOn <= q.to)).toBe(true);
  await expect(list.locator('tbody tr').first()).toContainText(drilled.rows[0]!.registerNo);
  if (process.env.SCREENSHOTS === '1') await page.waitForTimeout(500); // the drawer's slide-in
  await app.screenshot('statistics-drill');

  // A row opens the petition; "Quay lại Thống kê" (or Esc) comes back to the same figure's list.
  const openFirst = async () => {
    await list.getByRole('row', { name: `Đơn ${drilled.rows[0]!.registerNo}` }).click();
    await expect(page.getByRole('heading', { name: `Đơn số ${drilled.rows[0]!.registerNo}` })).toBeVisible();
  };
  await openFirst();
  await page.getByRole('button', { name: /^Quay lại Thống kê/ }).click();
  await expect(periodText).toHaveText(`Kỳ báo cáo: từ ${dmy(q.from)} đến ${dmy(q.to)}`);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('drill-total')).toHaveText(`${vn(complaints)} đơn`);
  await openFirst();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeVisible();
  await expect(list.locator('tbody tr').first()).toContainText(drilled.rows[0]!.registerNo);
  // Alt+5 from the petition finds it the same way; closing the list leaves the figures.
  await openFirst();
  await page.keyboard.press('Alt+5');
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(figure(page, drillName)).toHaveText(vn(complaints));

  expect(problems).toEqual([]);
});
