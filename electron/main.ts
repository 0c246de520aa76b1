// Electron main process: one instance, one window, one open register. Bundled to
// dist-electron/main.cjs by build/build-electron.ts; the renderer (dist/renderer) and the preload
// (dist-electron/preload.cjs) are found relative to the bundle's __dirname.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { createApiServer } from '../db/api/server.ts';
import { DATABASE_FILE, defaultDataDir } from '../db/paths.ts';
import { openRegister, type Register } from '../db/register.ts';
import { resolveRegisterLocation } from '../db/location-config.ts';
import { displayLocation, isPostgresLocation } from '../db/engine/location.ts';
import { applyPendingRestore, runBackup, startBackupScheduler, type BackupScheduler } from '../db/backups.ts';
import { ApiError } from '../shared/errors.ts';
import { registerIpcHandlers } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { htmlToPdf } from './pdf.ts';
import { enforceCsp, registerAppProtocol } from './protocol.ts';
import {
  APP_ENTRY_URL,
  APP_TITLE,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isAllowedNavigation,
  privilegedSchemes,
  windowOptions,
} from './security.ts';

// __dirname is the CommonJS bundle's folder (dist-electron/) at runtime.
const RENDERER_DIR = path.join(__dirname, '..', 'dist', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

let register: Register | null = null;
let backups: BackupScheduler | null = null;
let mainWindow: BrowserWindow | null = null;

// Before ready: the scheme's privileges, the sandbox for every renderer, and the data folder the
// CLI also uses (the single-instance lock lives there too, so it must be set first).
protocol.registerSchemesAsPrivileged(privilegedSchemes());
app.enableSandbox();
app.setPath('userData', defaultDataDir());
// The Vietnamese locale whatever the OS language: Chromium's own strings, number and date formats
// (an officer's English Windows must not turn dates into mm/dd/yyyy).
app.commandLine.appendSwitch('lang', 'vi-VN');

function openErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Không mở được tệp dữ liệu của Sổ tiếp công dân.\n\nChi tiết: ${detail}`;
}

/** Navigation, new windows and webviews locked down for every WebContents, present and future. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'Giới thiệu',
    message: `${APP_TITLE} — phiên bản ${app.getVersion()}`,
    detail: `Sổ ghi chép tiếp công dân, hoạt động không cần mạng.\nSổ: ${register ? displayLocation(register.path) : path.join(app.getPath('userData'), DATABASE_FILE)}`,
    buttons: ['Đóng'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(PRELOAD_PATH));
  // The window keeps the product name whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  // PETREG_DB, else the app's setting (Cài đặt → Nơi lưu sổ: a register shared on a PostgreSQL
  // server), else the register file in the app's folder.
  const dataDir = app.getPath('userData');
  const chosen = resolveRegisterLocation({ dataDir });
  const databasePath = chosen.location;
  const onServer = isPostgresLocation(databasePath);
  // A restore asked for from Cài đặt → Sao lưu is carried out now, before the register opens.
  const restore = onServer ? { restored: null, error: null } : applyPendingRestore(databasePath);
  if (restore.error) dialog.showErrorBox('Không khôi phục được bản sao lưu', `${restore.error}\n\nSổ hiện tại được giữ nguyên.`);
  try {
    register = await openRegister({ path: databasePath });
  } catch (error) {
    dialog.showErrorBox('Không mở được sổ tiếp công dân', openErrorMessage(error));
    app.quit();
    return;
  }
  // A register on a server is backed up there (pg_dump), not from a desk.
  backups = onServer ? null : startBackupScheduler(register);
  void backups?.tick();
  const server = createApiServer(register, { appVersion: app.getVersion(), pdf: htmlToPdf, location: { dataDir, source: chosen.source } });
  registerIpcHandlers(ipcMain, server);

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  enforceCsp(ses);
  registerAppProtocol(RENDERER_DIR);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform, appName: APP_TITLE, onAbout: showAbout })),
  );
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (register && !mainWindow) mainWindow = createWindow();
  });
  // Close the register (checkpoints the WAL) before the process ends.
  app.on('will-quit', (event) => {
    const open = register;
    if (!open) return;
    register = null;
    event.preventDefault();
    backups?.stop();
    // A backup at every close (when a folder is set), then the register closes.
    runBackup(open, 'close')
      .catch((error: unknown) => console.error('[main] backup at close:', error))
      .then(() => open.close())
      .catch((error: unknown) => console.error('[main] closing the register:', error))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Lỗi khởi động', openErrorMessage(error));
      app.exit(1);
    });
}
