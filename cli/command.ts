// The shape every petreg command has, and the errors that decide the exit status:
// 0 success, 1 a user error (bad arguments, bad file, bad data), 2 an internal error.
import fs from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { isPostgresLocation } from '../db/engine/location.ts';
import { ApiError } from '../shared/errors.ts';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext {
  /** The register file: --db, else $PETREG_DB, else the desktop app's own file. */
  dbPath: string;
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
  io: CommandIo;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** How many positional arguments the command takes at most (default 0). */
  maxPositionals?: number;
  run(ctx: CommandContext): Promise<void>;
}

/** A mistake the user can fix: exit status 1, message on stderr. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function exitStatusOf(error: unknown): 1 | 2 {
  if (error instanceof UserError) return 1;
  if (error instanceof ApiError) return error.code === 'INTERNAL' ? 2 : 1;
  return 2;
}

/**
 * Whether --db names a register file that is not there. A postgres:// location is never "missing"
 * here: opening it says whether the server has that database (db/engine/postgres.ts).
 */
export function registerMissing(dbPath: string): boolean {
  return !isPostgresLocation(dbPath) && !fs.existsSync(dbPath);
}
