// The handler table: one handler per contract method. Registering a method twice, or a name
// outside the contract, is an error at start-up; so is leaving a contract method without one.
import { contract, isMethodName, type MethodName, type OutputOf, type ParsedInputOf } from '../../shared/api/contract.ts';
import type { Register } from '../register.ts';
import type { Actor } from '../context.ts';

export interface CallContext {
  register: Register;
  actor: Actor;
  session: SessionState;
}

export interface SessionState {
  /** The signed-in officer (issue 14); null: nobody is signed in. */
  officerId: number | null;
  /** Register-clock instant (ms) of the officer's last call; idle past the setting locks the session. */
  lastActiveMs?: number;
  /** Idle too long: every call but the public ones is refused until the password is given again. */
  locked?: boolean;
  /** Failed sign-ins of usernames that do not exist (db/ops/auth.ts). */
  phantoms?: Map<string, { failures: number; lockedUntil: number }>;
}

export type Handler<K extends MethodName> = (input: ParsedInputOf<K>, ctx: CallContext) => Promise<OutputOf<K>>;

export class HandlerTable {
  readonly #handlers = new Map<MethodName, Handler<MethodName>>();

  method<K extends MethodName>(name: K, handler: Handler<K>): this {
    if (!isMethodName(name)) throw new Error(`API method ${String(name)} is not in the contract`);
    if (this.#handlers.has(name)) throw new Error(`API method ${name} is registered twice`);
    this.#handlers.set(name, handler as unknown as Handler<MethodName>);
    return this;
  }

  get(name: MethodName): Handler<MethodName> | undefined {
    return this.#handlers.get(name);
  }

  names(): MethodName[] {
    return [...this.#handlers.keys()];
  }

  /** Throws unless every contract method has a handler. */
  assertComplete(): void {
    const missing = (Object.keys(contract) as MethodName[]).filter((name) => !this.#handlers.has(name));
    if (missing.length > 0) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
  }
}
