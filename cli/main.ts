// petreg: parses the command line, runs one command, and maps failures to exit statuses.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../db/paths.ts';
import { exitStatusOf, UserError, type Command, type CommandIo } from './command.ts';
import { initCommand } from './commands/init.ts';
import { checkCommand } from './commands/check.ts';
import { backupCommand } from './commands/backup.ts';
import { importCommand } from './commands/import.ts';
import { exportCommand } from './commands/export.ts';
import { searchCommand } from './commands/search.ts';
import { demoCommand } from './commands/demo.ts';
import { documentCommand } from './commands/document.ts';
import { statsCommand } from './commands/stats.ts';
import { reportCommand } from './commands/report.ts';

/** Every command, in the order `petreg --help` lists them. Later features add theirs here. */
export const COMMANDS: Command[] = [initCommand, checkCommand, backupCommand, importCommand, exportCommand, searchCommand, demoCommand, documentCommand, statsCommand, reportCommand];

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const consoleIo: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
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
    'Cách dùng: petreg LỆNH [tham số] [--db FILE]',
    '',
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    `--db FILE   tệp sổ (mặc định: $PETREG_DB, nếu không thì tệp của ứng dụng: ${defaultDatabasePath()})`,
    'Trạng thái thoát: 0 thành công, 1 lỗi người dùng (thông báo ở stderr), 2 lỗi nội bộ.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Lệnh không có: “${name}”. Các lệnh: ${COMMANDS.map((c) => c.name).join(', ')}. Xem "petreg --help".`);
    return 1;
  }
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
    const dbPath = path.resolve(typeof db === 'string' ? db : process.env.PETREG_DB || defaultDatabasePath());
    await command.run({ dbPath, positionals: parsed.positionals, options: parsed.values as Record<string, string | boolean | undefined>, io });
    return 0;
  } catch (error) {
    const status = exitStatusOf(error);
    io.err(status === 2 ? `Lỗi nội bộ: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` : (error as Error).message);
    return status;
  }
}
