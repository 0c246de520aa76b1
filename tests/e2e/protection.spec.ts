import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, startPreview, tempDbPath, type Preview } from './preview.ts';
import { SignInScreen } from './pages/signin.ts';
import { AppPage } from './pages/app.ts';
import { VIEW_PROTECTED_ACTION } from '../../shared/domain/protection.ts';

const DENOUNCER = { fullName: 'Phan Thị Tố Giác', idNumber: '051190007777', birthYear: 1990, gender: 'female', phone: '0912 777 888', address: 'Tổ 5, phường Nghĩa Lộ' };
const LABEL = 'Người tố cáo (được bảo vệ)';

/** Calls the preview's API as the page would (the same officer session). */
async function call(request: APIRequestContext, preview: Preview, method: string, input: unknown): Promise<any> {
  const url = new URL(preview.url);
  const response = await request.post(`${url.origin}/__api/${method}`, { data: input ?? null, headers: { 'x-petreg-token': url.hash.replace('#token=', '') } });
  const body = await response.json();
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
}

const ACCOUNTS: Record<string, [username: string, password: string]> = {
  'Nguyễn Thị Lan': ['lan.nt', 'mat-khau-lan-2026'],
  'Trần Văn Tín': ['tin.tv', 'mat-khau-tin-2026'],
  'Quản trị viên': ['admin', E2E_ADMIN_PASSWORD],
};

/** Signs out and signs in as the named officer through the sign-in screen. */
async function chooseOfficer(page: Page, name: string): Promise<void> {
  const [username, password] = ACCOUNTS[name]!;
  await new SignInScreen(page).switchTo(username, password, name);
}

/** An administrator gives an officer an account; the officer sets their own password once. */
async function giveAccount(request: APIRequestContext, preview: Preview, userId: number, name: string): Promise<void> {
  const [username, password] = ACCOUNTS[name]!;
  await call(request, preview, 'users.resetPassword', { userId, password: 'tam-thoi-2026' });
  await call(request, preview, 'auth.signIn', { username, password: 'tam-thoi-2026' });
  await call(request, preview, 'auth.changePassword', { current: 'tam-thoi-2026', next: password });
  await call(request, preview, 'auth.signIn', { username: 'admin', password: E2E_ADMIN_PASSWORD });
}

async function openPetition(page: Page, registerNo: string): Promise<void> {
  await page.keyboard.press('Alt+3');
  await page.getByRole('row').filter({ hasText: registerNo }).first().click();
  await expect(page.getByRole('heading', { name: new RegExp(registerNo) })).toBeVisible();
}

test('a denouncer is protected on every screen; a permitted officer reveals, audited', async ({ page, request }) => {
  test.setTimeout(180_000);
  const preview = await startPreview(tempDbPath(), '2026-03-20T09:00:00+07:00');
  try {
    // The register: an officer without the permission, one an administrator will grant it to,
    // a denunciation handed in at a visit, and an ordinary complaint.
    const lan = await call(request, preview, 'users.upsert', { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
    const tin = await call(request, preview, 'users.upsert', { username: 'tin.tv', fullName: 'Trần Văn Tín', role: 'officer' });
    await giveAccount(request, preview, lan.id, 'Nguyễn Thị Lan');
    await giveAccount(request, preview, tin.id, 'Trần Văn Tín');
    const session = await call(request, preview, 'sessions.upsert', { kind: 'regular', date: '2026-03-16', officers: ['Nguyễn Thị Lan'] });
    const visit = await call(request, preview, 'visits.save', { sessionId: session.id, persons: 1, citizen: DENOUNCER, matter: 'denunciation', content: 'Tố cáo ông Trần Văn Bị nhận tiền', outcome: 'petition_received' });
    const denunciation = await call(request, preview, 'petitions.create', {
      receivedOn: '2026-03-16', channel: 'in_person', visitId: visit.id, kind: 'denunciation', field: 'corruption', petitioners: [{ ...DENOUNCER, citizenId: visit.citizen.citizenId }],
      subject: 'Ông Trần Văn Bị, cán bộ địa chính', summary: 'Tố cáo ông Trần Văn Bị nhận tiền khi cấp giấy chứng nhận',
    });
    await call(request, preview, 'petitions.create', { receivedOn: '2026-03-17', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại thu hồi đất' });

    const app = new AppPage(page);
    const problems = app.collectErrors();
    await page.setViewportSize({ width: 1366, height: 800 });
    await app.open(preview.url);

    // An officer without the permission: the list, the search, the detail, the visit, the history.
    await chooseOfficer(page, 'Nguyễn Thị Lan');
    await page.keyboard.press('Alt+3');
    const row = page.getByRole('row').filter({ hasText: denunciation.registerNo });
    await expect(row).toContainText(LABEL);
    await page.getByRole('textbox', { name: 'Tìm đơn' }).fill('Tố Giác');
    await expect(page.getByRole('row').filter({ hasText: denunciation.registerNo })).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Tìm đơn' }).fill('');
    await expect(row).toContainText(LABEL);
    await expect(page.getByRole('row').filter({ hasText: 'Nguyễn Văn Đức' })).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('protection-list.png') });
    await openPetition(page, denunciation.registerNo);
    const petitioners = page.getByRole('table', { name: 'Người đứng đơn' });
    await expect(petitioners).toContainText(LABEL);
    await expect(page.getByRole('note', { name: 'Người tố cáo được bảo vệ' })).toContainText('Chỉ cán bộ được quản trị viên cấp quyền');
    await expect(page.getByRole('button', { name: 'Hiện danh tính' })).toHaveCount(0);
    await expect(page.getByText('Đơn tố cáo: không hiển thị lịch sử của người tố cáo')).toBeVisible();
    for (const secret of [DENOUNCER.fullName, DENOUNCER.idNumber, DENOUNCER.phone, DENOUNCER.address]) {
      await expect(page.locator('body')).not.toContainText(secret);
    }
    await page.screenshot({ path: test.info().outputPath('protection-detail-unpermitted.png'), fullPage: true });

    // The administrator grants the permission in Cài đặt; a plain officer does not even see it.
    await expect(app.nav('Cài đặt')).toHaveCount(0);
    await chooseOfficer(page, 'Quản trị viên');
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('switch', { name: /Trần Văn Tín/ })).toBeEnabled();
    await page.getByRole('switch', { name: /Trần Văn Tín/ }).click({ force: true });
    await expect(page.getByRole('switch', { name: /Trần Văn Tín/ })).toBeChecked();
    await expect(page.getByRole('status').filter({ hasText: 'Đã cấp quyền xem danh tính người tố cáo của Trần Văn Tín.' })).toBeVisible();
    await page.getByRole('region', { name: 'Cán bộ' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('protection-settings.png') });

    // The permitted officer still sees the label first, then reveals; the audit trail names him.
    await chooseOfficer(page, 'Trần Văn Tín');
    await openPetition(page, denunciation.registerNo);
    await expect(petitioners).toContainText(LABEL);
    await expect(page.locator('body')).not.toContainText(DENOUNCER.fullName);
    await page.getByRole('button', { name: 'Hiện danh tính' }).click();
    await expect(petitioners).toContainText(DENOUNCER.fullName);
    await expect(petitioners).toContainText(DENOUNCER.idNumber);
    await expect(page.getByText('Đang hiện danh tính; lần xem này đã được ghi vào nhật ký.')).toBeVisible();
    const trail = page.getByRole('table', { name: 'Nhật ký thay đổi của đơn' });
    await expect(trail.getByRole('row').filter({ hasText: 'Xem danh tính người tố cáo' }).first()).toContainText('Trần Văn Tín');
    await page.screenshot({ path: test.info().outputPath('protection-revealed.png'), fullPage: true });
    await page.getByRole('button', { name: 'Ẩn danh tính' }).click();
    await expect(petitioners).not.toContainText(DENOUNCER.fullName);

    // The denouncer's visit in Tiếp công dân: protected in the row, revealed on request (audited).
    await page.keyboard.press('Alt+2');
    await page.getByRole('combobox', { name: 'Kỳ tiếp', exact: true }).click();
    await page.getByRole('option', { name: /16\/03\/2026/ }).click();
    const visitRow = page.getByRole('row').filter({ hasText: 'Tố cáo ông Trần Văn Bị nhận tiền' });
    await expect(visitRow).toContainText(LABEL);
    await expect(visitRow).not.toContainText(DENOUNCER.fullName);
    await visitRow.getByRole('button', { name: 'Hiện danh tính người tố cáo của lượt tiếp 1' }).click();
    await expect(visitRow).toContainText(DENOUNCER.fullName);
    await expect(visitRow).toContainText('Lần xem đã được ghi vào nhật ký');
    await page.screenshot({ path: test.info().outputPath('protection-visit-revealed.png') });
    const audit = await call(request, preview, 'audit.list', { entity: 'visit', entityId: String(visit.id) });
    expect(audit.some((entry: { action: string; actor: string | null }) => entry.action === VIEW_PROTECTED_ACTION)).toBe(true);
    await visitRow.getByRole('button', { name: 'Ẩn danh tính lượt tiếp 1' }).click();
    await expect(visitRow).not.toContainText(DENOUNCER.fullName);
    // An officer without the permission has no such button.
    await chooseOfficer(page, 'Nguyễn Thị Lan');
    await page.keyboard.press('Alt+2');
    await expect(visitRow).toContainText(LABEL);
    await expect(visitRow.getByRole('button', { name: /Hiện danh tính/ })).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
