// HTML -> PDF in the desktop app, with Electron's own Chromium: a hidden, sandboxed window with
// JavaScript off loads the document (its CSP blocks every request) and prints it; the document's
// @page rules set the paper (A4, portrait or landscape) and the margins.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { prepareForPrint } from '../print/chromium-pdf.ts';

/** Chromium refuses URLs past 2 MiB; a longer page (a year's register book) goes through a temp file. */
const MAX_DATA_URL = 1_500_000;

export async function htmlToPdf(html: string): Promise<Buffer> {
  const page = prepareForPrint(html);
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  let tempDir: string | null = null;
  try {
    const url = 'data:text/html;charset=utf-8,' + encodeURIComponent(page);
    if (url.length <= MAX_DATA_URL) {
      await win.loadURL(url);
    } else {
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-pdf-'));
      const file = path.join(tempDir, 'document.html');
      fs.writeFileSync(file, page, 'utf8');
      await win.loadFile(file);
    }
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
