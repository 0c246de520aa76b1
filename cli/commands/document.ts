// `petreg document KIND REGISTER_NO --out FILE`: prints one of the Board's documents for a petition
// (or the reception register for a period) to HTML, or to PDF through the machine's Chromium.
// Every print is recorded in the audit log, as in the app.
import fs from 'node:fs';
import path from 'node:path';
import { openRegisterForWrite, openRegisterReadOnly } from '../../db/register.ts';
import { SYSTEM_ACTOR } from '../../db/context.ts';
import { DOCUMENT_TYPES, PRINT_KINDS, type PrintKind } from '../../shared/documents/kinds.ts';
import { REFUSAL_NOTICE_GROUNDS, type RefusalNoticeGround } from '../../shared/documents/legal.ts';
import { findChromium, htmlToPdf, NO_CHROMIUM_MESSAGE } from '../../print/chromium-pdf.ts';
import { loadDocument, recordPrint, type LoadRequest } from '../../print/load.ts';
import { UserError, type Command, registerMissing } from '../command.ts';

const USAGE = 'petreg document KIND REGISTER_NO --out FILE.html|FILE.pdf [--reminder N] [--force]';

function kindList(): string {
  return PRINT_KINDS.map((k) => `${k} (${DOCUMENT_TYPES[k].title})`).join(', ');
}

function positiveInt(value: string, option: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new UserError(`${option} phải là số nguyên dương (đang là “${value}”).`);
  return Number(value);
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export const documentCommand: Command = {
  name: 'document',
  usage: USAGE,
  summary:
    'in văn bản ra HTML hoặc PDF (PDF cần Chromium): forward, guide, accept, return, reminder, receipt theo số vào sổ của đơn; refusal MÃ_LƯỢT_TIẾP [--ground law-9-3|decree-154-4-1-h] [--reason TEXT] (mẫu 01/TCD); urge theo số vào sổ; notice MÃ_THÔNG_BÁO (thông báo gửi công dân); register --from D --to D (sổ tiếp công dân 03/TCD)',
  maxPositionals: 2,
  options: {
    out: { type: 'string', short: 'o' },
    reminder: { type: 'string' },
    reason: { type: 'string' },
    ground: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ dbPath, positionals, options, io }) {
    const [kindArg, subject] = positionals;
    if (!kindArg) throw new UserError(`Thiếu loại văn bản. Cách dùng: ${USAGE}\nCác loại: ${kindList()}`);
    if (!(PRINT_KINDS as readonly string[]).includes(kindArg)) throw new UserError(`Loại văn bản không có: “${kindArg}”. Các loại: ${kindList()}`);
    const kind = kindArg as PrintKind;
    const needs = DOCUMENT_TYPES[kind].needs;

    const request: LoadRequest = { kind };
    if (needs === 'period') {
      if (subject) throw new UserError(`Sổ tiếp công dân in theo khoảng ngày, không theo số: petreg document register --from 2026-03-01 --to 2026-03-31 --out so.pdf`);
      request.from = text(options.from) ?? null;
      request.to = text(options.to) ?? null;
      if (!request.from || !request.to) throw new UserError('Sổ tiếp công dân cần --from NGÀY và --to NGÀY (dạng YYYY-MM-DD).');
    } else {
      if (options.from !== undefined || options.to !== undefined) throw new UserError('--from và --to chỉ dùng cho sổ tiếp công dân (register).');
      if (needs === 'visit') {
        if (!subject) throw new UserError('Thiếu mã lượt tiếp: petreg document refusal MÃ_LƯỢT_TIẾP --out FILE');
        request.visitId = positiveInt(subject, 'Mã lượt tiếp');
      } else if (needs === 'notice') {
        if (!subject) throw new UserError('Thiếu mã thông báo: petreg document notice MÃ_THÔNG_BÁO --out FILE');
        request.noticeId = positiveInt(subject, 'Mã thông báo');
      } else {
        if (!subject) throw new UserError(`Thiếu số vào sổ của đơn: petreg document ${kind} 2026/000123 --out FILE`);
        request.registerNo = subject;
      }
    }
    const reminder = text(options.reminder);
    if (reminder !== undefined) {
      if (kind !== 'reminder') throw new UserError('--reminder chỉ dùng cho văn bản đôn đốc (reminder).');
      request.reminderId = positiveInt(reminder, '--reminder');
    }
    const reason = text(options.reason);
    if (reason !== undefined) {
      if (kind !== 'refusal') throw new UserError('--reason chỉ dùng cho thông báo từ chối tiếp (refusal).');
      request.reason = reason;
    }

    const ground = text(options.ground);
    if (ground !== undefined) {
      if (kind !== 'refusal') throw new UserError('--ground chỉ dùng cho thông báo từ chối tiếp (refusal).');
      if (!(REFUSAL_NOTICE_GROUNDS as readonly string[]).includes(ground)) throw new UserError(`--ground là một trong: ${REFUSAL_NOTICE_GROUNDS.join(', ')} (đang là “${ground}”).`);
      request.ground = ground as RefusalNoticeGround;
    }

    const out = text(options.out);
    if (!out) throw new UserError(`Thiếu --out FILE.html hoặc FILE.pdf. Cách dùng: ${USAGE}`);
    const target = path.resolve(out);
    const extension = path.extname(target).toLowerCase();
    if (extension !== '.html' && extension !== '.pdf') throw new UserError(`Tệp ra phải có đuôi .html hoặc .pdf (đang là “${path.basename(out)}”).`);
    const format = extension === '.pdf' ? 'pdf' : 'html';
    if (!fs.existsSync(path.dirname(target))) throw new UserError(`Không có thư mục ${path.dirname(target)} để ghi ${out}.`);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new UserError(`${out} là một thư mục; hãy cho tên tệp.`);
    if (existing && !options.force) throw new UserError(`Tệp ${out} đã có; dùng --force để ghi đè.`);
    if (target === path.resolve(dbPath)) throw new UserError('Tệp ra phải khác tệp sổ.');
    if (format === 'pdf' && !findChromium()) throw new UserError(`${NO_CHROMIUM_MESSAGE} Có thể in ra .html rồi mở bằng trình duyệt để in.`);
    if (registerMissing(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);

    const register = await openRegisterReadOnly({ path: dbPath });
    try {
      const doc = await loadDocument(register, request, { officer: null, extension: format });
      const content = format === 'pdf' ? await htmlToPdf(doc.html) : Buffer.from(doc.html, 'utf8');
      // Beside the target, then renamed: an interrupted print never leaves half a file.
      const temp = `${target}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temp, content);
        fs.renameSync(temp, target);
      } catch (error) {
        fs.rmSync(temp, { force: true });
        throw new UserError(`Không ghi được tệp ${out}: ${(error as Error).message}`);
      }
      // The print is recorded through a short write handle: the read above never held the write lock.
      const writer = await openRegisterForWrite({ path: dbPath });
      try {
        await recordPrint({ register: writer, actor: SYSTEM_ACTOR }, doc, format);
      } finally {
        await writer.close();
      }
      io.out(`Đã in ${doc.title}${doc.number ? ` số ${doc.number}` : ''}${doc.audit.registerNo ? ` của đơn ${doc.audit.registerNo}` : ''} ra ${out}.`);
    } finally {
      await register.close();
    }
  },
};
