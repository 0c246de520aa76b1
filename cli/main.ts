// petreg: parses the command line, runs one command, and maps failures to exit statuses.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../db/paths.ts';
import { isPostgresLocation } from '../db/engine/location.ts';
import fs from 'node:fs';
import { ApiError } from '../shared/errors.ts';
import { escapeTerminal } from '../shared/text.ts';
import { describeStorageFault, FALLBACK_LOG, faultLogPath, logFault } from '../db/faults.ts';
import { exitStatusOf, UserError, type Command, type CommandIo } from './command.ts';
import { initCommand } from './commands/init.ts';
import { checkCommand } from './commands/check.ts';
import { backupCommand } from './commands/backup.ts';
import { restoreCommand } from './commands/restore.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { searchCommand } from './commands/search.ts';
import { demoCommand } from './commands/demo.ts';
import { documentCommand } from './commands/document.ts';
import { statsCommand } from './commands/stats.ts';
import { reportCommand } from './commands/report.ts';
import { copyCommand } from './commands/copy.ts';

/** Every command, in the order `petreg --help` lists them. Later features add theirs here. */
export const COMMANDS: Command[] = [initCommand, checkCommand, backupCommand, restoreCommand, importCommand, exportCommand, searchCommand, demoCommand, documentCommand, statsCommand, reportCommand, copyCommand];

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

// Every line a command prints is escaped: a control character stored in a name (ESC, BEL, NUL)
// shows as \u{1b} instead of acting on the officer's terminal.
const consoleIo: CommandIo = {
  out: (line) => process.stdout.write(escapeTerminal(line) + '\n'),
  err: (line) => process.stderr.write(escapeTerminal(line) + '\n'),
};

/** node:util parseArgs errors, said in Vietnamese. */
function describeArgsError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Tùy chọn không có: ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Tùy chọn ${option.split(' ')[0]} cần một giá trị`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Tham số thừa: ${option}`;
  return message;
}

export function helpText(): string {
  return [
    'petreg — Sổ tiếp công dân, dòng lệnh',
    '',
    'Cách dùng: petreg [--db FILE] LỆNH [tham số] (--db đặt trước hoặc sau lệnh)',
    '',
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    `--db FILE   tệp sổ, hoặc postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu cho sổ dùng chung trên máy chủ PostgreSQL (mặc định: $PETREG_DB, nếu không thì tệp của ứng dụng: ${defaultDatabasePath()})`,
    'Trạng thái thoát: 0 thành công, 1 lỗi người dùng (thông báo ở stderr), 2 lỗi nội bộ.',
  ].join('\n');
}

/**
 * Finds the command name among the arguments: global options (`--db FILE`, `--db=FILE`, `--help`,
 * `-h`) may come before it as well as after it. Returns the name and the other arguments, the
 * leading global options first, so the command's own parser sees them all.
 */
export function splitCommandLine(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg === '--db') {
      leading.push(arg, ...(i + 1 < argv.length ? [argv[i + 1]!] : []));
      i += 2;
    } else if (arg.startsWith('--db=') || arg === '--help' || arg === '-h') {
      leading.push(arg);
      i += 1;
    } else break;
  }
  return { name: argv[i], rest: [...leading, ...argv.slice(i + 1)] };
}

/** A server's address is never printed with its password (postgres://user:***@host/db). */
export function redactPasswords(line: string): string {
  return line.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+):[^@\s]+@/gi, '$1:***@');
}

export async function main(argv: string[], given: CommandIo = consoleIo): Promise<number> {
  const io: CommandIo = { out: (line) => given.out(redactPasswords(line)), err: (line) => given.err(redactPasswords(line)) };
  const { name, rest } = splitCommandLine(argv);
  if (!name || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Lệnh không có: “${name}”. Các lệnh: ${COMMANDS.map((c) => c.name).join(', ')}. Xem "petreg --help".`);
    return 1;
  }
  let dbPath: string | null = null;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UserError(`${describeArgsError(error)}. Cách dùng: ${command.usage}`);
    }
    if (parsed.values.help) {
      io.out(`${command.usage}\n  ${command.summary}`);
      return 0;
    }
    const extra = parsed.positionals.slice(command.maxPositionals ?? 0);
    if (extra.length > 0) throw new UserError(`Tham số thừa: ${extra.join(' ')}. Cách dùng: ${command.usage}`);
    const db = parsed.values.db;
    if (db === '') throw new UserError('--db cần một tên tệp');
    const location = typeof db === 'string' ? db : process.env.PETREG_DB || defaultDatabasePath();
    // A postgres:// URL names a database on a server (db/engine/location.ts); anything else a file.
    dbPath = isPostgresLocation(location) ? location.trim() : path.resolve(location);
    await command.run({ dbPath, positionals: parsed.positionals, options: parsed.values as Record<string, string | boolean | undefined>, io });
    return 0;
  } catch (caught) {
    // Storage faults (full disk, read-only, damaged, busy) are said plainly; the original error
    // goes to the register's log (db/faults.ts), never a stack trace on the terminal.
    const isOwn = caught instanceof UserError || caught instanceof ApiError;
    const fault = isOwn ? null : describeStorageFault(caught, dbPath ?? '');
    if (!isOwn) logFault(dbPath && fs.existsSync(path.dirname(dbPath)) ? dbPath : null, `petreg ${name}`, caught);
    const error = fault ?? caught;
    const status = exitStatusOf(error);
    io.err(escapeTerminal(status === 2 ? `Lỗi nội bộ: ${error instanceof Error ? error.message : String(error)} (chi tiết trong ${dbPath && !isPostgresLocation(dbPath) ? faultLogPath(dbPath) : FALLBACK_LOG})` : (error as Error).message));
    return status;
  }
}
