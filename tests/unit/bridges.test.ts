// The two bridges that install window.api (Electron's sandboxed preload and the browser preview's
// stand-in) bundled as they ship: each carries the method names alone, not the contract's schemas
// (which made each bundle 536 KB of script parsed before the renderer's own), and still exposes
// every method of the contract on the right channel.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBuilds } from '../../build/build-electron.ts';
import { contract, METHOD_NAMES } from '../../shared/api/contract.ts';
import { bundleBrowserPreload } from '../../web/server.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-bridges-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Small enough to hold a table of names and a loop, far from a bundled zod (about 250 KB minified). */
const MAX_BRIDGE_BYTES = 24 * 1024;

describe('the bridges that install window.api', () => {
  it('the method list is the contract, in the same order', () => {
    expect([...METHOD_NAMES]).toEqual(Object.keys(contract));
  });

  it("Electron's preload carries no schema and exposes every method on its IPC channel", async () => {
    const options = electronBuilds(tmp, true)[1]!;
    await build({ ...options, logLevel: 'silent' });
    const code = fs.readFileSync(path.join(tmp, 'preload.cjs'), 'utf8');
    expect(code.length).toBeLessThan(MAX_BRIDGE_BYTES);
    expect(code).not.toMatch(/zod|ZodError/);
    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: (channel: string, input: unknown) => (invoked.push([channel, input]), Promise.resolve({ ok: true, value: null })) },
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { module, exports: module.exports, require: (name: string) => (name === 'electron' ? electron : undefined) });
    const api = exposed.api as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const name of METHOD_NAMES) {
      const [ns, fn] = name.split('.') as [string, string];
      await api[ns]![fn]!({ probe: name });
    }
    expect(invoked).toEqual(METHOD_NAMES.map((name) => [`api:${name}`, { probe: name }]));
  });

  it("the browser preview's bridge carries no schema and posts every method to the loopback API", async () => {
    const code = await bundleBrowserPreload();
    expect(code.length).toBeLessThan(MAX_BRIDGE_BYTES);
    expect(code).not.toMatch(/zod|ZodError/);
    const posted: string[] = [];
    const window = { location: { hash: '#token=abc', pathname: '/', search: '' } } as Record<string, unknown>;
    const storage = new Map<string, string>();
    const fetch = (url: string, init: { headers: Record<string, string> }) => {
      posted.push(`${url} ${init.headers['x-petreg-token']}`);
      return Promise.resolve({ json: () => Promise.resolve({ ok: true, value: null }) });
    };
    vm.runInNewContext(code, {
      window,
      fetch,
      history: { replaceState: () => undefined },
      sessionStorage: { setItem: (k: string, v: string) => storage.set(k, v), getItem: (k: string) => storage.get(k) ?? null },
      Object,
    });
    const api = window.api as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    for (const name of METHOD_NAMES) {
      const [ns, fn] = name.split('.') as [string, string];
      await api[ns]![fn]!();
    }
    expect(posted).toEqual(METHOD_NAMES.map((name) => `/__api/${encodeURIComponent(name)} abc`));
  });
});
