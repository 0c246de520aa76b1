// Where the register lives when no path is given. The desktop app sets Electron's userData to
// this same folder, so the CLI and the app open the same file by default.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'PetitionRegister';
export const DATABASE_FILE = 'register.sqlite';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PETREG_DATA_DIR) return path.resolve(env.PETREG_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultDataDir(env), DATABASE_FILE);
}
