// The leader's approval of outgoing documents (issue 14 item 3), as two officers at two desks on
// one register (two preview servers on one SQLite file): the administrator turns the setting on in
// Cài đặt; a handler drafts a forward (no number, no print); the leader sends it back with a reason
// from Việc cần làm; the handler edits it and sends it again; the leader approves; the handler then
// prints the numbered slip.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';
import { SignInScreen } from './pages/signin.ts';

/** The register's fixed clock: Monday 2 March 2026, 9 am in Vietnam. */
const NOW = '2026-03-02T09:00:00+07:00';
const FIRST = 'Sở Nông nghiệp và Môi trường';
const SECOND = 'Sở Tư pháp';

async function call(request: APIRequestContext, preview: Preview, method: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  const url = new URL(preview.url);
  const response = await request.post(`${url.origin}/__api/${method}`, { data: input ?? null, headers: { 'x-petreg-token': url.hash.replace('#token=', '') } });
  return response.json();
}

/** Signs the desk's page out of the administrator's session and in as `username`, choosing their own password. */
async function signInAs(page: Page, username: string, temporary: string, name: string): Promise<void> {
  const signIn = new SignInScreen(page);
  await signIn.signOut();
  await signIn.signIn(username, temporary);
  const change = page.getByRole('form', { name: 'Đổi mật khẩu tạm' });
  await change.getByLabel('Mật khẩu tạm', { exact: true }).fill(temporary);
  await change.getByLabel('Mật khẩu mới', { exact: true }).fill(`${username}-rieng-2026`);
  await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByTestId('signed-in-officer')).toContainText(name);
}

async function openPetition(page: Page, registerNo: string): Promise<void> {
  await page.keyboard.press('Alt+3');
  const search = page.getByRole('textbox', { name: 'Tìm đơn' });
  await search.fill(registerNo);
  await expect(page.getByTestId('petition-total')).toHaveText('1 đơn');
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Đơn số ${registerNo}` })).toBeVisible();
}

let desks: Preview[] = [];
test.afterAll(async () => {
  for (const d of desks) await d.stop();
});

test('approval: a handler drafts, the leader sends it back with a reason, the handler edits, the leader approves, the handler prints', async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const dbPath = tempDbPath('petreg-e2e-approval-');
  const handlerDesk = await startPreview(dbPath, NOW);
  const leaderDesk = await startPreview(dbPath, NOW);
  desks = [handlerDesk, leaderDesk];

  // The administrator's accounts for the two officers, and a petition classified eligible.
  const handler = await call(request, handlerDesk, 'users.upsert', { username: 'xu.ly', fullName: 'Trần Văn Xử', role: 'handler' });
  const leader = await call(request, handlerDesk, 'users.upsert', { username: 'lanh.dao', fullName: 'Lê Thị Duyệt', role: 'leader' });
  expect(handler.ok && leader.ok).toBe(true);
  expect((await call(request, handlerDesk, 'users.resetPassword', { userId: handler.value.id, password: 'tam-xu-ly-2026' })).ok).toBe(true);
  expect((await call(request, handlerDesk, 'users.resetPassword', { userId: leader.value.id, password: 'tam-lanh-dao-2026' })).ok).toBe(true);
  const created = await call(request, handlerDesk, 'petitions.create', {
    receivedOn: '2026-03-02',
    channel: 'post',
    kind: 'complaint',
    field: 'land',
    petitioners: [{ fullName: 'Nguyễn Thị Ánh Tuyết', address: 'Thôn Phú Lộc, xã Tịnh Ấn Tây' }],
    summary: 'Khiếu nại việc thu hồi đất nông nghiệp mà chưa được bồi thường',
  });
  const registerNo: string = created.value.registerNo;
  expect((await call(request, handlerDesk, 'workflow.classify', { petitionId: created.value.id, eligible: true, on: '2026-03-02' })).ok).toBe(true);

  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(handlerDesk.url);

  // Cài đặt: the administrator requires the leader's approval.
  await page.keyboard.press('Alt+6');
  const setting = page.getByRole('checkbox', { name: 'Văn bản đi phải được lãnh đạo duyệt trước khi cấp số và in' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await page.getByRole('button', { name: /Lưu cài đặt/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu cài đặt.' })).toBeVisible();
  await setting.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('approval-settings.png') });

  // The handler's desk: the forward is sent for approval, not numbered.
  await signInAs(page, 'xu.ly', 'tam-xu-ly-2026', 'Trần Văn Xử');
  await openPetition(page, registerNo);
  const panel = page.getByRole('region', { name: 'Xử lý đơn' });
  const decide = panel.getByRole('form', { name: 'Quyết định xử lý' });
  await decide.getByRole('combobox', { name: 'Hướng xử lý' }).click();
  await page.getByRole('option', { name: 'Chuyển đơn đến cơ quan có thẩm quyền' }).click();
  await decide.getByRole('combobox', { name: 'Chuyển đến cơ quan' }).fill('nong nghiep moi truong');
  await page.getByRole('option', { name: FIRST }).click();
  await decide.getByRole('button', { name: /Gửi lãnh đạo duyệt/ }).click();
  const ask = page.getByRole('dialog', { name: /Gửi lãnh đạo duyệt/ });
  await expect(ask).toContainText('chưa có số và chưa in được');
  await ask.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(panel.getByTestId('workflow-notice')).toContainText('Đã gửi dự thảo “Chuyển đơn đến cơ quan có thẩm quyền” chờ lãnh đạo duyệt');
  const draft = panel.getByTestId('draft-decision');
  await expect(draft).toContainText(`Phiếu chuyển đơn đến ${FIRST}`);
  await expect(draft.getByTestId('approval-status')).toHaveText('Chờ duyệt');
  await expect(draft).toContainText('Chưa có số, chưa in được');
  await expect(panel.getByTestId('workflow-status')).toHaveText('Chờ quyết định xử lý');
  await expect(panel.getByTestId('decision-awaiting-approval')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'In phiếu chuyển đơn' })).toHaveCount(0);
  // The handler may not approve: no button, and the API refuses.
  await expect(draft.getByRole('button', { name: /^Duyệt/ })).toHaveCount(0);
  const drafts = await call(request, handlerDesk, 'approvals.list', { petitionId: created.value.id });
  const draftId: number = drafts.value[0].id;
  const refused = await call(request, handlerDesk, 'approvals.approve', { id: draftId, on: '2026-03-02' });
  expect(refused.error?.code).toBe('FORBIDDEN');
  const printRefused = await call(request, handlerDesk, 'documents.render', { kind: 'forward', petitionId: created.value.id });
  expect(printRefused.error?.message).toContain('chưa in được');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: test.info().outputPath('approval-draft.png') });

  // The leader's desk: Việc cần làm shows what waits; sent back with a reason.
  const leaderPage = await (await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
  const leaderApp = new AppPage(leaderPage);
  const leaderProblems = leaderApp.collectErrors();
  await leaderApp.open(leaderDesk.url);
  await signInAs(leaderPage, 'lanh.dao', 'tam-lanh-dao-2026', 'Lê Thị Duyệt');
  await leaderPage.keyboard.press('Alt+0');
  const waiting = leaderPage.getByRole('table', { name: 'Chờ duyệt' });
  await expect(waiting).toContainText(registerNo);
  await expect(waiting).toContainText(`Phiếu chuyển đơn đến ${FIRST}`);
  await expect(waiting).toContainText('Trần Văn Xử soạn ngày 02/03/2026');
  await leaderPage.screenshot({ path: test.info().outputPath('approval-leader-todo.png') });
  await leaderApp.screenshot('approval');
  // The leader reads the draft first: unnumbered, marked DỰ THẢO, with nothing to print it by.
  await waiting.getByRole('button', { name: `Xem dự thảo phiếu chuyển đơn đến ${FIRST.toLowerCase()} của đơn ${registerNo}` }).click();
  const draftView = leaderPage.getByRole('dialog', { name: 'Phiếu chuyển đơn (dự thảo ngày 02/03/2026)' });
  await expect(draftView.frameLocator('iframe').locator('body')).toContainText('DỰ THẢO');
  await expect(draftView.frameLocator('iframe').locator('body')).toContainText(`Kính gửi: ${FIRST}`);
  await expect(draftView.getByRole('button', { name: 'In', exact: true })).toHaveCount(0);
  await expect(draftView.getByRole('button', { name: 'Lưu PDF' })).toHaveCount(0);
  await leaderPage.screenshot({ path: test.info().outputPath('approval-draft-preview.png') });
  await leaderPage.keyboard.press('Escape');
  await expect(draftView).toHaveCount(0);
  await waiting.getByRole('button', { name: `Trả lại phiếu chuyển đơn đến ${FIRST.toLowerCase()} của đơn ${registerNo}` }).click();
  const sendBack = leaderPage.getByRole('dialog', { name: 'Trả lại dự thảo' });
  await sendBack.getByRole('button', { name: 'Trả lại' }).click();
  await expect(sendBack).toContainText('Lý do trả lại phải có ít nhất 5 ký tự');
  await sendBack.getByLabel('Lý do trả lại').fill('Đơn về hộ tịch: chuyển Sở Tư pháp');
  await sendBack.getByRole('button', { name: 'Trả lại' }).click();
  await expect(sendBack).toHaveCount(0);
  await expect(leaderPage.getByText('Không có dự thảo nào chờ duyệt.')).toBeVisible();

  // The handler: "Bị trả lại" with the reason; the form opens on the draft, edited and sent again.
  await page.keyboard.press('Alt+0');
  const returned = page.getByRole('table', { name: 'Bị trả lại' });
  await expect(returned).toContainText(registerNo);
  await expect(returned.getByTestId('approval-return-reason')).toContainText('Lê Thị Duyệt trả lại ngày 02/03/2026: Đơn về hộ tịch: chuyển Sở Tư pháp');
  await page.screenshot({ path: test.info().outputPath('approval-returned.png') });
  await returned.getByRole('link', { name: registerNo }).click();
  await expect(page.getByRole('heading', { name: `Đơn số ${registerNo}` })).toBeVisible();
  await expect(panel.getByTestId('draft-decision').getByTestId('approval-status')).toHaveText('Bị trả lại');
  const edit = panel.getByRole('form', { name: 'Quyết định xử lý' });
  await expect(edit.getByRole('combobox', { name: 'Chuyển đến cơ quan' })).toHaveValue(FIRST);
  await edit.getByRole('combobox', { name: 'Chuyển đến cơ quan' }).fill('so tu phap');
  await page.getByRole('option', { name: SECOND, exact: true }).click();
  await edit.getByRole('button', { name: /Sửa và gửi duyệt lại/ }).click();
  await page.getByRole('dialog', { name: /Gửi lãnh đạo duyệt/ }).getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(panel.getByTestId('draft-decision')).toContainText(`Phiếu chuyển đơn đến ${SECOND}`);
  await expect(panel.getByTestId('draft-decision').getByTestId('approval-status')).toHaveText('Chờ duyệt');

  // The leader approves: the number is issued, dated the day signed.
  await leaderPage.keyboard.press('Alt+3');
  await expect(leaderPage.getByRole('heading', { name: 'Đơn thư', level: 2 })).toBeVisible();
  await leaderPage.keyboard.press('Alt+0');
  await expect(waiting).toContainText(`Phiếu chuyển đơn đến ${SECOND}`);
  await expect(waiting).toContainText('Đã sửa sau khi bị trả lại');
  await waiting.getByRole('button', { name: `Duyệt phiếu chuyển đơn đến ${SECOND.toLowerCase()} của đơn ${registerNo}` }).click();
  const approve = leaderPage.getByRole('dialog', { name: 'Duyệt văn bản' });
  await expect(approve).toContainText('cấp số tiếp theo và mang ngày ký duyệt');
  await approve.getByRole('button', { name: 'Duyệt và cấp số' }).click();
  await expect(approve).toHaveCount(0);
  await expect(leaderPage.getByText('Không có dự thảo nào chờ duyệt.')).toBeVisible();

  // The handler prints the numbered slip.
  await openPetition(page, registerNo);
  await expect(panel.getByTestId('workflow-status')).toHaveText('Đã chuyển, chờ trả lời');
  await expect(panel.getByTestId('draft-decision')).toHaveCount(0);
  const history = panel.getByRole('list', { name: 'Quá trình xử lý đơn' });
  await expect(history).toContainText('Văn bản số 01/PC-BTCD');
  await expect(history).toContainText(`Cơ quan: ${SECOND}`);
  await panel.getByRole('button', { name: 'In phiếu chuyển đơn' }).first().click();
  const preview = page.getByRole('dialog');
  await expect(preview).toContainText('Phiếu chuyển đơn số 01/PC-BTCD');
  await expect(preview.frameLocator('iframe').locator('body')).toContainText(`Kính gửi: ${SECOND}`);
  await page.keyboard.press('Escape');

  // The petition's audit trail says who drafted, who sent back and why, and who approved what.
  const trail = page.getByRole('table', { name: 'Nhật ký thay đổi của đơn' });
  await expect(trail).toContainText('Lãnh đạo duyệt văn bản');
  await expect(trail).toContainText('Duyệt, số 01/PC-BTCD, ngày ký 02/03/2026');
  await expect(trail).toContainText('Trả lại, lý do: Đơn về hộ tịch: chuyển Sở Tư pháp');
  await expect(trail).toContainText('Sửa dự thảo bị trả lại, gửi duyệt lại');
  await trail.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('approval-audit.png') });
  const audit = await call(request, handlerDesk, 'audit.list', { entity: 'petition', entityId: String(created.value.id) });
  const acts = (audit.value as { action: string; actorName: string }[]).map((a) => `${a.action}:${a.actorName}`);
  expect(acts).toEqual(expect.arrayContaining(['draft:Trần Văn Xử', 'send_back:Lê Thị Duyệt', 'approve:Lê Thị Duyệt']));
  expect(acts.filter((a) => a === 'draft:Trần Văn Xử')).toHaveLength(2);

  expect(problems).toEqual([]);
  expect(leaderProblems).toEqual([]);
});
