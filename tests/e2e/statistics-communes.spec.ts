// Statistics by the commune where the case arose: the officer records the place on the matter by
// province and name (Đồng Nai offered as "Thành phố Đồng Nai", its name since 30 April 2026), then
// Thống kê → "Theo địa bàn" counts the period's petitions per commune and opens the petitions behind
// a figure.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { callApi } from './pages/law.ts';
import { AppPage } from './pages/app.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { Statistics } from '../../shared/stats/definitions.ts';

let preview: Preview;
test.beforeAll(async () => {
  // The real clock: the statistics screen opens on the official quarter of today.
  preview = await startPreview(tempDbPath('petreg-communes-'));
});
test.afterAll(async () => {
  await preview?.stop();
});

/** A searchable picker: type part of the name, then choose the option. */
async function choose(page: Page, scope: Locator, combobox: string, typed: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: combobox });
  await box.click();
  await box.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(box).toHaveValue(option);
}

test('the matter’s commune picked by name; Thống kê counts petitions per commune and drills to them', async ({ page }) => {
  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(preview.url);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  const create = (summary: string, fullName: string) =>
    callApi<Petition>(page, 'petitions.create', {
      receivedOn: today,
      channel: 'in_person',
      kind: 'complaint',
      field: 'land',
      petitioners: [{ fullName, birthYear: 1970, gender: 'male', address: 'Tổ 3' }],
      summary,
    });
  const anPhu = await create('Khiếu nại thu hồi đất thôn An Phú', 'Nguyễn Văn Đức');
  const bienHoa = await create('Khiếu nại bồi thường giải phóng mặt bằng ở phường Biên Hòa', 'Trần Thị Bình');
  const unknown = await create('Kiến nghị chưa rõ nơi phát sinh', 'Lê Văn Hùng');
  const matterOf = async (p: Petition) => (await callApi<{ contents: { matterId: number }[] }>(page, 'petitions.get', { id: p.id })).contents[0]!.matterId;
  const { matter: m } = await callApi<{ matter: { id: number; title: string; kind: string; field: string; arrivalState: string } }>(page, 'matters.get', { id: await matterOf(anPhu) });
  await callApi(page, 'matters.update', { id: m.id, title: m.title, kind: m.kind, field: m.field, arrivalState: m.arrivalState, caseCommuneCode: '21034' });

  // The second matter's place, through the screen: province, then commune, by name.
  const matterId = await matterOf(bienHoa);
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: `Mở vụ việc số ${matterId}` }).click();
  await expect(page.getByTestId('matter-case-commune')).toHaveText('—');
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  const edit = page.getByRole('dialog');
  const province = edit.getByRole('combobox', { name: 'Tỉnh, thành phố' });
  await province.click();
  await province.fill('Đồng Nai');
  // Named by the unit-changes data as of today: a city since 30 April 2026, no longer a province.
  await expect(page.getByRole('option', { name: 'Thành phố Đồng Nai', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Tỉnh Đồng Nai', exact: true })).toHaveCount(0);
  await page.getByRole('option', { name: 'Thành phố Đồng Nai', exact: true }).click();
  await choose(page, edit, 'Xã, phường', 'bien hoa', 'Phường Biên Hòa');
  await page.screenshot({ path: 'test-results/e2e/statistics-communes-matter.png' });
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByTestId('matter-case-commune')).toHaveText('Phường Biên Hòa, Thành phố Đồng Nai');

  // Thống kê → Theo địa bàn: one row per commune, the unrecorded ones apart; every figure drills.
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Thống kê', level: 2 })).toBeVisible();
  await page.getByRole('tab', { name: 'Theo địa bàn' }).click();
  const table = page.getByRole('table', { name: 'Đơn theo xã, phường nơi phát sinh' });
  await expect(table).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows.filter({ hasText: 'Xã An Phú' })).toContainText('Tỉnh Quảng Ngãi');
  await expect(rows.filter({ hasText: 'Phường Biên Hòa' })).toContainText('Thành phố Đồng Nai');
  const figure = (name: string) => page.getByRole('button', { name: new RegExp(`^${name}: `) });
  await expect(figure('Xã An Phú — Số đơn')).toHaveText('1');
  await expect(figure('Phường Biên Hòa — Số đơn')).toHaveText('1');
  await expect(figure('Chưa ghi xã, phường nơi phát sinh')).toHaveText('1');
  // The screen shows what the core computes (stats.get for the same period).
  const period = await page.getByTestId('stats-period').textContent();
  expect(period).toContain('Kỳ báo cáo');
  await page.mouse.move(1, 700);
  await page.screenshot({ path: 'test-results/e2e/statistics-communes.png' });
  await app.screenshot('statistics-communes');

  await figure('Phường Biên Hòa — Số đơn').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('drill-total')).toHaveText('1 đơn');
  await expect(drawer).toContainText(bienHoa.registerNo);
  await expect(drawer).not.toContainText(anPhu.registerNo);
  await page.screenshot({ path: 'test-results/e2e/statistics-communes-drill.png' });
  await page.keyboard.press('Escape');
  await figure('Chưa ghi xã, phường nơi phát sinh').click();
  await expect(drawer.getByTestId('drill-total')).toHaveText('1 đơn');
  await expect(drawer).toContainText(unknown.registerNo);
  await page.keyboard.press('Escape');

  const stats = await callApi<Statistics>(page, 'stats.get', { from: today, to: today });
  expect(stats.by_commune!.communes.map((c) => [c.name, c.province_name, c.petitions])).toEqual([
    ['Phường Biên Hòa', 'Thành phố Đồng Nai', 1],
    ['Xã An Phú', 'Tỉnh Quảng Ngãi', 1],
  ]);
  expect(problems).toEqual([]);
});
