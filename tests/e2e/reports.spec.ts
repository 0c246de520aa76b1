// Báo cáo biểu mẫu (Alt+8) on a demo register at 1366×800: each of the six forms laid out from its
// definition, every cell equal to the core's report (reports.get), the identities shown holding, a
// cell opening the records it counts, and the Excel file downloaded.
import { expect, test } from '@playwright/test';
import { fillDemo, startPreview, tempDbPath, type Preview } from './preview.ts';
import { callApi } from './pages/law.ts';
import { AppPage } from './pages/app.ts';
import { REPORT_FORMS } from '../../shared/reports/forms.ts';
import type { OfficialReport } from '../../shared/reports/report.ts';




let preview: Preview;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dbPath = tempDbPath('petreg-reports-');
  await fillDemo(dbPath);
  preview = await startPreview(dbPath);
});

test.afterAll(async () => {
  await preview?.stop();
});

test('the six official forms, as on paper, equal to the core, each cell opening its records', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const errors = app.collectErrors();
  await app.open(preview.url);
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Báo cáo theo biểu mẫu' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Loại kỳ báo cáo' }).click();
  await page.getByRole('option', { name: 'Năm (kỳ báo cáo 15/12–14/12)', exact: true }).click();
  // The period line changes after the choice renders: wait for it, never read it at once.
  await expect(page.getByTestId('report-period')).toHaveText(/từ 15\/12\/\d{4} đến 14\/12\/\d{4}/);
  const period = (await page.getByTestId('report-period').textContent())!;
  const [, fd, fm, fy, td, tm, ty] = /từ (\d\d)\/(\d\d)\/(\d{4}) đến (\d\d)\/(\d\d)\/(\d{4})/.exec(period)!;
  const from = `${fy}-${fm}-${fd}`;
  const to = `${ty}-${tm}-${td}`;

  for (const definition of REPORT_FORMS) {
    await page.getByRole('radiogroup', { name: 'Biểu mẫu' }).getByText(`Biểu ${definition.form}`, { exact: true }).click();
    const form = page.getByTestId('official-form');
    await expect(page.getByRole('heading', { name: definition.title })).toBeVisible();
    const report = await callApi<OfficialReport>(page, 'reports.get', { form: definition.form, from, to });
    for (const column of definition.columns) {
      if (column.value === 'note') continue;
      const cell = form.locator(`button[data-ms="${column.ms}"]`);
      await expect(cell, `${definition.form} cột ${column.ms}`).toHaveText(report.rows[0]!.columns[String(column.ms)]!.toLocaleString('vi-VN'));
    }
    for (const identity of definition.identities) await expect(page.getByText(`${identity} ✓`, { exact: true })).toBeVisible();
    await expect(page.getByTestId('report-error')).toHaveCount(0);
  }

  // 01/XLD column 3 (received in the period) opens exactly that many petitions.
  await page.getByRole('radiogroup', { name: 'Biểu mẫu' }).getByText('Biểu 01/XLD', { exact: true }).click();
  const report = await callApi<OfficialReport>(page, 'reports.get', { form: '01/XLD', from, to });
  await app.screenshot('reports-01-xld');
  await page.getByTestId('official-form').locator('button[data-ms="3"]').click();
  await expect(page.getByTestId('report-drill-total')).toHaveText(`${report.rows[0]!.columns['3']!.toLocaleString('vi-VN')} đơn`);
  // A petition opened from the figure's list comes back to that list ("Quay lại Báo cáo").
  const firstRow = page.getByRole('table', { name: 'Các đơn của ô số liệu' }).locator('tbody tr').first();
  const firstName = await firstRow.getAttribute('aria-label');
  await firstRow.click();
  await expect(page.getByRole('heading', { name: firstName!.replace('Đơn ', 'Đơn số ') })).toBeVisible();
  await page.getByRole('button', { name: /^Quay lại Báo cáo/ }).click();
  await expect(page.getByTestId('report-drill-total')).toHaveText(`${report.rows[0]!.columns['3']!.toLocaleString('vi-VN')} đơn`);
  await page.keyboard.press('Escape');

  // 01/TCD column 12 (sessions of the head's reception) opens the sessions.
  await page.getByRole('radiogroup', { name: 'Biểu mẫu' }).getByText('Biểu 01/TCD', { exact: true }).click();
  const tcd = await callApi<OfficialReport>(page, 'reports.get', { form: '01/TCD', from, to });
  await page.getByTestId('official-form').locator('button[data-ms="12"]').click();
  await expect(page.getByTestId('report-drill-total')).toHaveText(`${tcd.rows[0]!.columns['12']!.toLocaleString('vi-VN')} kỳ tiếp`);
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  expect((await download).suggestedFilename()).toBe(`bao-cao_01-TCD_${from}_${to}.xlsx`);
  // The widest form scrolls inside its card, not the page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/e2e/reports-01-tcd.png' });
  expect(errors).toEqual([]);
});
