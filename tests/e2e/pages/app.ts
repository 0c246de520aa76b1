// Page model of the app shell and its screens, so specs read like what an officer does.
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';

export class AppPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** Uncaught page errors and console errors from now on; a spec expects it to stay empty. */
  collectErrors(): string[] {
    const problems: string[] = [];
    this.page.on('pageerror', (e) => problems.push(e.message));
    this.page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    return problems;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  }

  nav(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Điều hướng' }).getByRole('button', { name: new RegExp(`^${label}`) });
  }

  /** Saves a screenshot for the README when SCREENSHOTS=1 (npm run screenshots). */
  async screenshot(name: string): Promise<void> {
    if (process.env.SCREENSHOTS !== '1') return;
    await this.page.screenshot({ path: path.join('docs', 'screenshots', `${name}.png`) });
  }
}

export class AgenciesScreen {
  readonly page: Page;
  readonly search: Locator;
  readonly table: Locator;
  readonly dialog: Locator;
  constructor(page: Page) {
    this.page = page;
    this.search = page.getByRole('textbox', { name: 'Tìm cơ quan' });
    this.table = page.getByRole('table', { name: 'Danh bạ cơ quan' });
    this.dialog = page.getByRole('dialog');
  }

  row(text: string): Locator {
    return this.table.getByRole('row').filter({ hasText: text });
  }

  async fillForm(values: { code?: string; name?: string; kind?: string }): Promise<void> {
    if (values.code !== undefined) await this.dialog.getByLabel('Mã cơ quan').fill(values.code);
    if (values.name !== undefined) await this.dialog.getByLabel('Tên cơ quan').fill(values.name);
    if (values.kind !== undefined) {
      await this.dialog.getByRole('combobox', { name: 'Loại' }).click();
      await this.page.getByRole('option', { name: values.kind }).click();
    }
  }
}
