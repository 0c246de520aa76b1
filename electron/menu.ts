// The application menu, in Vietnamese, built by a pure function (type imports only) so a unit test
// can read it without Electron. Roles are used wherever Electron has one.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** app.isPackaged: the developer tools entry only exists in development. */
  isPackaged: boolean;
  /** process.platform: macOS gets its application menu first. */
  platform: NodeJS.Platform;
  appName: string;
  /** Shows the "about" box (a Vietnamese message box in main.ts). */
  onAbout: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: 'Giới thiệu', click: () => options.onAbout() };

  const view: MenuItemConstructorOptions[] = [
    { label: 'Tải lại', role: 'reload' },
    { type: 'separator' },
    { label: 'Phóng to', role: 'zoomIn' },
    { label: 'Thu nhỏ', role: 'zoomOut' },
    { label: 'Cỡ thật', role: 'resetZoom' },
    { type: 'separator' },
    { label: 'Toàn màn hình', role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) {
    view.push({ type: 'separator' }, { label: 'Công cụ phát triển', role: 'toggleDevTools' });
  }

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { label: `Giới thiệu ${options.appName}`, click: () => options.onAbout() },
        { type: 'separator' },
        { label: `Ẩn ${options.appName}`, role: 'hide' },
        { label: 'Ẩn các ứng dụng khác', role: 'hideOthers' },
        { label: 'Hiện tất cả', role: 'unhide' },
        { type: 'separator' },
        { label: 'Thoát', role: 'quit' },
      ],
    });
  }
  template.push(
    { label: 'Tệp', submenu: [{ label: 'Thoát', role: 'quit' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { label: 'Hoàn tác', role: 'undo' },
        { label: 'Làm lại', role: 'redo' },
        { type: 'separator' },
        { label: 'Cắt', role: 'cut' },
        { label: 'Sao chép', role: 'copy' },
        { label: 'Dán', role: 'paste' },
        { label: 'Chọn tất cả', role: 'selectAll' },
      ],
    },
    { label: 'Xem', submenu: view },
    { label: 'Trợ giúp', role: 'help', submenu: [about] },
  );
  return template;
}
