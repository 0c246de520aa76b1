// What every operation receives besides its input: the register and who is acting.
import type { Register } from './register.ts';

export interface Actor {
  id: number | null;
  name: string;
}

export interface OpContext {
  register: Register;
  actor: Actor;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Hệ thống' };
