// A letter with a complaint and a denunciation (issue 8, decisions per content): each content has
// its own step in "Việc cần làm"; the denunciation (the second content) is forwarded from its own
// row on the petition, which takes its number and the notice to the denouncer, while the
// complaint (the first content) still awaits its own decision.
import { expect, test } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';
import { callApi, LawTodoScreen, PrintPreview } from './pages/law.ts';

const AGENCY = 'Sở Nông nghiệp và Môi trường';

let preview: Preview | null = null;
test.afterEach(async () => {
  await preview?.stop();
  preview = null;
});

test('a complaint with a denunciation: the second content is forwarded on its own, with its notice', async ({ page }) => {
  test.setTimeout(120_000);
  // Monday 9 March 2026; the letter came on Monday 2 March.
  preview = await startPreview(tempDbPath('petreg-e2e-content-decisions-'), '2026-03-09T09:00:00+07:00');
  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(preview.url);
  const p = await callApi<{ id: number; registerNo: string }>(page, 'petitions.create', {
    receivedOn: '2026-03-02',
    channel: 'post',
    kind: 'complaint',
    field: 'land',
    petitioners: [{ fullName: 'Lê Thị Hồng', gender: 'female', address: 'Thôn Phú Lộc, xã Tịnh Ấn Tây' }],
    summary: 'Khiếu nại quyết định thu hồi đất và tố cáo cán bộ địa chính',
    contents: [{ kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục' }],
  });
  await callApi(page, 'workflow.classify', { petitionId: p.id, eligible: true, on: '2026-03-03' });

  // Two steps in the to-do list, one per content, each by its own kind.
  const todo = new LawTodoScreen(page);
  await todo.open();
  const second = page.getByTestId(`todo-step-${p.registerNo}-2`);
  await expect(second).toContainText('Chuyển đơn tố cáo và thông báo cho người tố cáo (nội dung 2)');
  await expect(second).toContainText('09/03/2026');
  await expect(page.getByTestId(`todo-step-${p.registerNo}-1`)).toContainText('Thụ lý hoặc không thụ lý khiếu nại thuộc thẩm quyền');
  await page.screenshot({ path: 'test-results/e2e/content-decisions-todo.png' });
  await second.click();
  await expect(page.getByRole('heading', { name: `Đơn số ${p.registerNo}` })).toBeVisible();

  // The second content's own row: decide it there.
  const panel = page.getByRole('region', { name: 'Xử lý đơn' });
  const row = panel.getByTestId('content-2');
  await expect(row).toContainText('Tố cáo');
  const decide = row.getByRole('form', { name: 'Quyết định xử lý nội dung 2' });
  await decide.getByRole('combobox', { name: 'Hướng xử lý' }).click();
  await page.getByRole('option', { name: 'Chuyển đơn đến cơ quan có thẩm quyền' }).click();
  await decide.getByRole('combobox', { name: 'Chuyển đến cơ quan' }).fill('nong nghiep moi truong');
  await page.getByRole('option', { name: AGENCY }).click();
  // Ctrl+S inside the content's form saves that form only (the complaint's form stays untouched).
  await page.keyboard.press('Control+S');
  await page.getByRole('dialog', { name: /Chuyển đơn đến cơ quan có thẩm quyền/ }).getByRole('button', { name: 'Ghi và cấp số' }).click();
  await expect(panel.getByTestId('workflow-notice')).toContainText('Đã ghi quyết định cho nội dung 2: Chuyển đơn đến cơ quan có thẩm quyền. Số văn bản: 01/PC-BTCD');
  await expect(row.getByTestId('content-2-decision')).toContainText(AGENCY);
  // The notice follows the content's kind: the forward of a denunciation, to the denouncer only.
  const notice = panel.getByTestId('notice-denunciation_forward');
  await expect(notice).toContainText('Người tố cáo (được bảo vệ)');
  await expect(notice).not.toContainText('Lê Thị Hồng');
  // The complaint (first content) still awaits its decision in the main flow.
  await expect(panel.getByRole('form', { name: 'Quyết định xử lý', exact: true })).toBeVisible();
  await expect(panel.getByRole('form', { name: 'Quyết định xử lý', exact: true })).not.toContainText('Chưa chọn hướng xử lý');
  // The officer stays at the message; the complaint's form is not opened under it.
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/content-decisions-petition.png' });

  // The slip of the forwarded content is the denunciation's (form 03), naming no denouncer.
  await panel.getByRole('button', { name: 'In phiếu chuyển đơn' }).click();
  const print = new PrintPreview(page);
  await expect(print.body()).toContainText('PHIẾU CHUYỂN ĐƠN TỐ CÁO', { ignoreCase: true });
  await expect(print.body()).not.toContainText('Lê Thị Hồng');
  await print.close();

  await todo.open();
  await expect(page.getByTestId(`todo-step-${p.registerNo}-2`)).toHaveCount(0);
  await expect(page.getByTestId(`todo-step-${p.registerNo}-1`)).toBeVisible();
  await expect(todo.notice('denunciation_forward')).toContainText(p.registerNo);
  expect(problems).toEqual([]);
});
