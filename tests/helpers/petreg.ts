// petreg as a user runs it: a child process (Node 24, the checkout's bin/petreg.js).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const PETREG = path.join(ROOT, 'bin', 'petreg.js');

export interface PetregResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `timeoutMs`: the child is killed after that long (its status is then null). */
export function petreg(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs?: number): PetregResult {
  const r = spawnSync(process.execPath, [PETREG, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PETREG_DB: '', ...env }, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the test's event loop (for runs alongside other processes). */
export function petregAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<PetregResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PETREG, ...args], { cwd: ROOT, env: { ...process.env, PETREG_DB: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A stack trace line, which the officer must never see. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
