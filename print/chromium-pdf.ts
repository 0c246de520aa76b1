// HTML -> PDF through a headless Chromium on this machine (the browser preview and the CLI; the
// desktop app uses Electron's own printToPDF, electron/pdf.ts). The page is written to a private
// temporary folder, printed with a throw-away profile, no network, no extensions, and all of it is
// removed afterwards.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withFallbackFont } from '../shared/documents/html.ts';
import { ApiError } from '../shared/errors.ts';

export const PDF_TIMEOUT_MS = 60_000;

const CANDIDATE_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const CANDIDATE_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with: $CHROMIUM_PATH, the usual install paths, then the PATH; null if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return isExecutable(configured) ? configured : null;
  for (const file of CANDIDATE_PATHS) if (isExecutable(file)) return file;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of dirs) {
    for (const name of CANDIDATE_NAMES) {
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        if (isExecutable(file)) return file;
      }
    }
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE = 'Máy này không có Chromium để tạo PDF (cài chromium, hoặc đặt biến môi trường CHROMIUM_PATH trỏ tới trình duyệt).';

/** Letters a Times-like face must have to print Vietnamese: ả ế ệ ờ ơ ư ỹ. */
const VIETNAMESE_PROBE = '1ea3 1ebf 1ec7 1edd 01a1 01b0 1ef9';
let fallbackFont: boolean | undefined;

/**
 * True when no Times-like face here covers Vietnamese but DejaVu Serif does (Linux with Liberation
 * 1.x): the page is then printed in DejaVu Serif rather than with letters mixed from two faces.
 * Windows and macOS ship Times New Roman with Vietnamese. Asked of fontconfig once per process.
 */
export function needsFontFallback(): boolean {
  if (fallbackFont !== undefined) return fallbackFont;
  fallbackFont = false;
  if (process.platform === 'win32' || process.platform === 'darwin') return fallbackFont;
  try {
    const out = execFileSync('fc-list', [`:charset=${VIETNAMESE_PROBE}`, 'family'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    const families = new Set(out.split('\n').flatMap((line) => line.split(',')).map((f) => f.trim().toLowerCase()));
    const timesLike = ['times new roman', 'tinos', 'liberation serif'].some((f) => families.has(f));
    fallbackFont = !timesLike && families.has('dejavu serif');
  } catch {
    // No fontconfig: print the page as it is.
  }
  return fallbackFont;
}

/** The page as the engine prints it: with the fallback face when this machine needs it. */
export function prepareForPrint(html: string): string {
  return needsFontFallback() ? withFallbackFont(html) : html;
}

export interface HtmlToPdfOptions {
  /** The browser binary; default findChromium(). */
  executable?: string;
  timeoutMs?: number;
}

/** Prints a complete HTML document to PDF; the page's own @page rules set the paper and margins. */
export async function htmlToPdf(html: string, options: HtmlToPdfOptions = {}): Promise<Buffer> {
  const executable = options.executable ?? findChromium();
  if (!executable) throw new ApiError('INTERNAL', NO_CHROMIUM_MESSAGE);
  const timeoutMs = options.timeoutMs ?? PDF_TIMEOUT_MS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-pdf-'));
  const input = path.join(dir, 'document.html');
  const output = path.join(dir, 'document.pdf');
  try {
    fs.writeFileSync(input, prepareForPrint(html), 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--no-first-run',
      '--no-default-browser-check',
      '--mute-audio',
      '--no-pdf-header-footer',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--print-to-pdf=${output}`,
      pathToFileURL(input).href,
    ];
    await run(executable, args, timeoutMs);
    const pdf = fs.existsSync(output) ? fs.readFileSync(output) : null;
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new ApiError('INTERNAL', `Chromium (${executable}) không tạo được tệp PDF.`);
    }
    return pdf;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function run(executable: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends Chromium's helper processes too.
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    const kill = () => {
      try {
        if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new ApiError('INTERNAL', `Chromium không tạo xong PDF trong ${Math.round(timeoutMs / 1000)} giây.`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ApiError('INTERNAL', `Không chạy được Chromium (${executable}): ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      kill(); // helpers (crashpad, zygote) left in the group
      if (code === 0) return resolve();
      const detail = stderr
        .split('\n')
        .filter((l) => l.trim() && !/dbus|Fontconfig|unexpected operator/i.test(l))
        .slice(-3)
        .join(' | ');
      reject(new ApiError('INTERNAL', `Chromium dừng với mã ${code ?? signal}${detail ? `: ${detail}` : ''}`));
    });
  });
}
