// Preload (sandboxed, bundled to CommonJS by build/build-electron.ts): exposes window.api, one
// function per contract method, each invoking 'api:<method>'. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../shared/api/client.ts';
import type { ApiEnvelope } from '../shared/errors.ts';
import { channelOf } from './channels.ts';

contextBridge.exposeInMainWorld(
  'api',
  buildBridge((method, input) => ipcRenderer.invoke(channelOf(method), input) as Promise<ApiEnvelope<unknown>>),
);
