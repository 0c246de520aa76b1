// A throw-away PostgreSQL cluster for the tests (issue 14): Debian's server binaries, a fresh data
// folder under the temp folder, a free local port, trust authentication on 127.0.0.1 only, no
// fsync (the data is thrown away). initdb and postgres refuse to run as root: as root the cluster
// is made and run as the unprivileged user `nobody`. Stopped (and its folder removed) by stop().
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  /** URL of the cluster's `postgres` database, as user `petreg`. */
  url: string;
  stop(): void;
}

/** The newest Debian PostgreSQL server's bin folder, or null when none is installed. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL 15 or newer is not installed (Debian: apt-get install postgresql)');
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-pg-'));
  const data = path.join(dir, 'data');
  const as = (command: string, args: string[]) => (root ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args]) as [string, string[]];
  if (root) execFileSync('chown', ['nobody', dir]);
  fs.chmodSync(dir, 0o700);
  const run = (command: string, args: string[]) => {
    const [c, a] = as(command, args);
    const result = spawnSync(c, a, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'petreg', '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://petreg@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
