// The process boundaries are enforced by `npm run lint`; these tests prove the rules bite, by
// linting code placed (virtually) in each folder with the project's own ESLint configuration.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it('renderer/ may not import better-sqlite3', async () => {
    const messages = await restrictedImports('renderer/src/Bad.tsx', "import Database from 'better-sqlite3';\nexport const d = Database;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/better-sqlite3/);
  });

  it('renderer/ may not import node:, bare Node builtins, electron, kysely or db/', async () => {
    const code = [
      "import fs from 'node:fs';",
      "import path from 'path';",
      "import { ipcRenderer } from 'electron';",
      "import { Kysely } from 'kysely';",
      "import { openRegister } from '../../db/register.ts';",
      'export const all = [fs, path, ipcRenderer, Kysely, openRegister];',
    ].join('\n');
    expect(await restrictedImports('renderer/src/pages/Bad.tsx', code)).toHaveLength(5);
  });

  it('the browser preview script follows the renderer rules', async () => {
    expect(await restrictedImports('web/browser/bad.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toHaveLength(1);
  });

  it('db/ may not import electron or react', async () => {
    const code = "import { app } from 'electron';\nimport React from 'react';\nexport const x = [app, React];\n";
    expect(await restrictedImports('db/ops/bad.ts', code)).toHaveLength(2);
  });

  it('shared/ is pure: no node, electron, react, db', async () => {
    const code = [
      "import os from 'node:os';",
      "import { app } from 'electron';",
      "import React from 'react';",
      "import { openRegister } from '../db/register.ts';",
      'export const all = [os, app, React, openRegister];',
    ].join('\n');
    expect(await restrictedImports('shared/bad.ts', code)).toHaveLength(4);
  });

  it('allowed imports pass', async () => {
    expect(await restrictedImports('renderer/src/Good.tsx', "import { fold } from '../../shared/text.ts';\nexport const f = fold;\n")).toEqual([]);
    expect(await restrictedImports('db/ops/good.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toEqual([]);
  });
});
