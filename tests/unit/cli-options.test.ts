// Global options (--db, --help) before or after the command: the splitter and a real run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, splitCommandLine } from '../../cli/main.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('petreg global options', () => {
  it('finds the command after leading global options and keeps them', () => {
    expect(splitCommandLine(['--db', 'a.sqlite', 'demo', '--seed', '3'])).toEqual({ name: 'demo', rest: ['--db', 'a.sqlite', '--seed', '3'] });
    expect(splitCommandLine(['--db=a.sqlite', 'check'])).toEqual({ name: 'check', rest: ['--db=a.sqlite'] });
    expect(splitCommandLine(['-h', 'init'])).toEqual({ name: 'init', rest: ['-h'] });
    expect(splitCommandLine(['init', '--db', 'a.sqlite'])).toEqual({ name: 'init', rest: ['--db', 'a.sqlite'] });
    expect(splitCommandLine(['--help'])).toEqual({ name: undefined, rest: ['--help'] });
    expect(splitCommandLine([])).toEqual({ name: undefined, rest: [] });
  });

  it('--db before the command creates the register at that path, as after it does', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-opts-'));
    dirs.push(dir);
    const before = path.join(dir, 'before.sqlite');
    const after = path.join(dir, 'after.sqlite');
    const a = capture();
    expect(await main(['--db', before, 'init'], a.io)).toBe(0);
    const b = capture();
    expect(await main(['init', '--db', after], b.io)).toBe(0);
    expect(fs.existsSync(before)).toBe(true);
    expect(fs.existsSync(after)).toBe(true);
    const c = capture();
    expect(await main(['--db', before, 'check'], c.io)).toBe(0);
    expect(c.err).toEqual([]);
  });

  it('--help before a command prints that command\'s usage; alone it prints the whole help', async () => {
    const a = capture();
    expect(await main(['--help', 'check'], a.io)).toBe(0);
    expect(a.out.join('\n')).toMatch(/^petreg check/);
    const b = capture();
    expect(await main(['--help'], b.io)).toBe(0);
    expect(b.out.join('\n')).toContain('petreg init');
  });

  it('an unknown command after a global option is still named in the error', async () => {
    const a = capture();
    expect(await main(['--db', 'x.sqlite', 'nope'], a.io)).toBe(1);
    expect(a.err.join('\n')).toContain('“nope”');
  });
});
