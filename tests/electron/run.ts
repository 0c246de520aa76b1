// `npm run test:electron`: runs the Electron smoke suite when an Electron binary is installed,
// otherwise prints one line saying it was skipped and exits 0.
// The binary is looked up the way node_modules/electron/index.js does, WITHOUT requiring that
// module: its index.js (Electron 45) tries to download the binary when it is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json', { paths: [repoRoot] }));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return fs.existsSync(candidate) ? candidate : null;
  }
  if (!executable) return null;
  const candidate = path.join(packageDir, 'dist', executable);
  return fs.existsSync(candidate) ? candidate : null;
}

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  return result.status ?? 1;
}

if (import.meta.main) {
  const binary = findElectronBinary();
  if (!binary) {
    console.log(
      'Electron smoke suite: SKIPPED — no Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); run npm install without it to get one.',
    );
    process.exit(0);
  }
  console.log(`Electron smoke suite: using ${binary}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const built = run(npm, ['run', 'build']);
  if (built !== 0) process.exit(built);
  process.exit(run(npx, ['playwright', 'test', '--config', 'tests/electron/playwright.config.ts', '--reporter=list,json']));
}
