// Bundles the Electron main process and the preload with esbuild:
//   electron/main.ts    -> dist-electron/main.cjs    (Node, CommonJS; electron and better-sqlite3 stay external)
//   electron/preload.ts -> dist-electron/preload.cjs (sandboxed preload: CommonJS, everything but electron inlined)
// main.cjs finds dist/renderer and preload.cjs relative to its own __dirname, so the two bundles
// must stay side by side in dist-electron/. The renderer is built separately by Vite (dist/renderer).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTDIR = path.join(ROOT, 'dist-electron');

/** The two esbuild builds (exported so tests can bundle main.ts the same way into a temp folder). */
export function electronBuilds(outdir: string = OUTDIR, production = process.env.NODE_ENV !== 'development'): BuildOptions[] {
  const common: BuildOptions = {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'cjs',
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
  return [
    {
      ...common,
      entryPoints: ['electron/main.ts'],
      outfile: path.join(outdir, 'main.cjs'),
      platform: 'node',
      target: 'node22',
      external: ['electron', 'better-sqlite3'],
      minify: false, // readable stack traces from the main process
    },
    {
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: path.join(outdir, 'preload.cjs'),
      // A sandboxed preload has no Node: a browser build makes esbuild refuse any Node built-in.
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
      minify: production, // only the method names come along (shared/api/methods.ts), never the contract's schemas
    },
  ];
}

export async function buildElectron(outdir: string = OUTDIR): Promise<void> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await Promise.all(electronBuilds(outdir).map((options) => build(options)));
}

if (import.meta.main) {
  await buildElectron();
  for (const file of ['main.cjs', 'preload.cjs']) {
    const size = fs.statSync(path.join(OUTDIR, file)).size;
    console.log(`dist-electron/${file}  ${(size / 1024).toFixed(1)} KiB`);
  }
}
