// What the demo Board did with its petitions: classification a few working days after receipt
// (about 45% eligible; the rest anonymous, duplicates of the same citizen's earlier petition, or
// another reason), decisions (forward most eligible ones to the body competent for the field,
// accept some, guide some; file or return the ineligible), the bodies' replies (most within their
// period, some late, some still awaited) and reminders to the late ones. The latest petitions are
// still waiting, and a few older ones were forgotten, so the to-do list has something to show.
import { addWorkingDays, workingDaysBetween, type HolidayCalendar } from '../../shared/calendar/working-days.ts';
import type { Field, PetitionKind } from '../../shared/domain/petition.ts';
import type { Commune } from '../../shared/domain/units.ts';
import type { DocumentKind } from '../../shared/domain/settings.ts';
import { DECISION_DOCUMENT } from '../../shared/domain/workflow.ts';
import type { ClassificationReason, DecisionAction, ReplyOutcome, V1Petition } from '../../shared/interchange/v1.ts';
import type { Dice } from './dice.ts';

/** What the generator knows about a petition beyond the file: the commune of the matter, and the same citizen's earlier petition. */
export interface PetitionFacts {
  commune: Commune;
  earlier: string | null;
}

export interface DemoWorkflowOptions {
  today: string;
  holidays: HolidayCalendar;
  replyDays: Record<PetitionKind, number>;
  docPrefixes: Record<DocumentKind, string>;
  /** Agency codes the register holds; null: assume the default directory. */
  agencyCodes: ReadonlySet<string> | null;
}

/** Stands for the People's Committee of the matter's commune (XA-<code>). */
const COMMUNE = 'commune';

/** Who is competent, by field: a petition is forwarded (or the citizen guided) to one of these. */
const COMPETENT: Record<Field, readonly (readonly [string, number])[]> = {
  land: [[COMMUNE, 6], ['SO-NNMT', 4]],
  housing: [[COMMUNE, 4], ['SO-XD', 4]],
  compensation: [[COMMUNE, 5], ['SO-NNMT', 2], ['SO-TC', 2]],
  policy: [['SO-NV', 5], ['SO-YT', 2], ['SO-TC', 1], [COMMUNE, 2]],
  justice: [['THADS-TINH', 3], ['TAND-TINH', 2], ['VKSND-TINH', 2], ['CA-TINH', 2], ['SO-TP', 1]],
  corruption: [['THANH-TRA', 5], ['CA-TINH', 2], ['TU-UBKT', 2], [COMMUNE, 1]],
  administration: [[COMMUNE, 4], ['SO-NV', 2], ['SO-TP', 1], ['SO-KHCN', 1]],
  other: [[COMMUNE, 3], ['SO-CT', 1], ['SO-GDDT', 1], ['SO-YT', 1], ['SO-VHTTDL', 1], ['CA-TINH', 1]],
};
/** Denunciations outside corruption go to the head of the accused's body, inspection or the police. */
const DENUNCIATION: readonly (readonly [string, number])[] = [[COMMUNE, 4], ['THANH-TRA', 2], ['CA-TINH', 2]];

/** How each body numbers its letters (the part after the number). */
const REPLY_SYMBOLS: Record<string, string> = {
  'SO-NNMT': 'SNNMT-TTr',
  'SO-XD': 'SXD-TTr',
  'SO-TC': 'STC-QLGCS',
  'SO-NV': 'SNV-CS',
  'SO-YT': 'SYT-TTr',
  'SO-TP': 'STP-TTr',
  'SO-KHCN': 'SKHCN-TTr',
  'SO-CT': 'SCT-TTr',
  'SO-GDDT': 'SGDĐT-TTr',
  'SO-VHTTDL': 'SVHTTDL-TTr',
  'THANH-TRA': 'TTr-P4',
  'CA-TINH': 'CAT-PV01',
  'TU-UBKT': 'UBKTTU',
  'TAND-TINH': 'TA-VP',
  'VKSND-TINH': 'VKS-P10',
  'THADS-TINH': 'THADS-VP',
};

const INELIGIBLE: readonly (readonly [ClassificationReason, number])[] = [
  ['insufficient_content', 24],
  ['already_guided', 22],
  ['no_signature_or_address', 14],
  ['finally_decided', 14],
  ['awaiting_result', 12],
  ['other', 8],
];

const OTHER_NOTES = [
  'Đơn photo, không có chữ ký gốc của người viết đơn',
  'Người viết đơn đã có đơn xin rút nội dung khiếu nại',
  'Đơn viết bằng tiếng nước ngoài, không kèm bản dịch có công chứng',
  'Đơn gửi đồng thời nhiều nơi, Ban chỉ nhận để theo dõi',
] as const;

const REASON_NOTES: Partial<Record<ClassificationReason, readonly string[]>> = {
  duplicate: ['Trùng nội dung đơn đã nhận trước đây của cùng công dân', 'Đơn gửi lại, không có tình tiết mới'],
  awaiting_result: ['Đơn trước của công dân đã chuyển cơ quan có thẩm quyền, đang trong thời hạn giải quyết'],
  finally_decided: ['Vụ việc đã có quyết định giải quyết khiếu nại lần hai có hiệu lực pháp luật'],
  already_guided: ['Đã hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền một lần'],
  anonymous: ['Đơn không ghi họ tên, địa chỉ người tố cáo'],
};

const REPLY_OUTCOMES: readonly (readonly [ReplyOutcome, number])[] = [
  ['resolved', 48],
  ['rejected', 24],
  ['partial', 18],
  ['other', 10],
];

const REPLY_SUMMARIES: Record<ReplyOutcome, readonly string[]> = {
  resolved: [
    'Đã ban hành quyết định giải quyết khiếu nại lần đầu, chấp nhận nội dung khiếu nại của công dân',
    'Đã tổ chức đối thoại, công dân thống nhất với phương án giải quyết',
    'Đã giải quyết dứt điểm và có văn bản trả lời công dân',
    'Đã điều chỉnh, bổ sung phương án bồi thường, hỗ trợ cho hộ gia đình',
  ],
  rejected: [
    'Quyết định giải quyết khiếu nại lần đầu giữ nguyên quyết định bị khiếu nại',
    'Kết luận nội dung tố cáo là không có cơ sở',
    'Trả lời công dân: kiến nghị không có cơ sở pháp lý để xem xét',
  ],
  partial: [
    'Công nhận một phần nội dung khiếu nại, giao UBND cấp xã thực hiện',
    'Kết luận nội dung tố cáo đúng một phần, đã kiểm điểm cá nhân có liên quan',
    'Giải quyết một phần kiến nghị, phần còn lại hướng dẫn công dân thực hiện thủ tục',
  ],
  other: ['Đã thụ lý, đang xác minh; gia hạn thời hạn giải quyết', 'Đã chuyển cơ quan có thẩm quyền khác giải quyết theo quy định'],
};

const ACCEPT_NOTES = ['Đề xuất Chủ tịch UBND tỉnh thụ lý giải quyết', 'Đề xuất giao Thanh tra tỉnh xác minh, tham mưu Chủ tịch UBND tỉnh'] as const;

/** A date n working days after `date`, but never after today. */
function step(date: string, n: number, o: DemoWorkflowOptions): string {
  const available = Math.max(0, workingDaysBetween(date, o.today, o.holidays));
  return addWorkingDays(date, Math.min(n, available), o.holidays);
}

/**
 * Fills in the handling of the petitions (in place). Document numbers follow the register's
 * prefixes and run per kind and year in date order, as the desk would have issued them.
 */
export function addDemoWorkflow(dice: Dice, petitions: V1Petition[], facts: PetitionFacts[], o: DemoWorkflowOptions): void {
  const numbered: { kind: DocumentKind; on: string; set: (no: string) => void }[] = [];
  const exists = (code: string) => o.agencyCodes === null || o.agencyCodes.has(code);
  const agencyFor = (p: V1Petition, f: PetitionFacts, guide: boolean): string | null => {
    const table = p.kind === 'denunciation' && p.field !== 'corruption' ? DENUNCIATION : COMPETENT[p.field];
    const courts = guide && p.field === 'justice' ? table.filter(([c]) => c === 'TAND-TINH' || c === 'VKSND-TINH' || c === 'THADS-TINH') : table;
    const candidates = courts
      .map(([code, weight]) => [code === COMMUNE ? `XA-${f.commune.code}` : code, weight] as const)
      .filter(([code]) => exists(code));
    return candidates.length > 0 ? dice.weighted(candidates) : null;
  };

  petitions.forEach((p, i) => {
    const f = facts[i]!;
    const elapsed = workingDaysBetween(p.received_on, o.today, o.holidays);
    // The newest are still on the desk; a few older ones were overlooked (now overdue).
    const waiting = elapsed <= 2 ? 0.85 : elapsed <= 6 ? 0.45 : elapsed <= 10 ? 0.12 : 0.012;
    if (dice.chance(waiting)) return;

    const classifiedOn = step(p.received_on, dice.weighted([[0, 10], [1, 30], [2, 25], [3, 15], [4, 10], [5, 5], [6, 3], [8, 2]]), o);
    let eligible: boolean;
    if (p.petitioners.length === 0) {
      eligible = false;
      p.classification = { eligible: false, reason: 'anonymous', duplicate_of: null, note: dice.chance(0.5) ? dice.pick(REASON_NOTES.anonymous!) : null, on: classifiedOn };
    } else if (f.earlier !== null && (p.kind === 'denunciation' || dice.chance(0.85))) {
      // The same citizen again: a denunciation is forwarded only once per content, so never eligible.
      eligible = false;
      const duplicate = dice.chance(0.75);
      const reason: ClassificationReason = duplicate ? 'duplicate' : 'awaiting_result';
      p.classification = { eligible: false, reason, duplicate_of: duplicate ? f.earlier : null, note: dice.chance(0.4) ? dice.pick(REASON_NOTES[reason]!) : null, on: classifiedOn };
    } else {
      const rate: Record<PetitionKind, number> = { complaint: 0.6, denunciation: 0.5, recommendation: 0.42, multiple: 0.45 };
      eligible = dice.chance(rate[p.kind]);
      if (eligible) {
        p.classification = { eligible: true, on: classifiedOn };
      } else {
        const reason = dice.weighted(INELIGIBLE);
        const notes = REASON_NOTES[reason];
        const note = reason === 'other' ? dice.pick(OTHER_NOTES) : notes && dice.chance(0.3) ? dice.pick(notes) : null;
        p.classification = { eligible: false, reason, duplicate_of: null, note, on: classifiedOn };
      }
    }

    // A decision the same day or a few days later; some classified lately still wait for one.
    const sinceClassified = workingDaysBetween(classifiedOn, o.today, o.holidays);
    if (dice.chance(sinceClassified <= 1 ? 0.5 : 0.01)) return;
    const decidedOn = step(classifiedOn, dice.weighted([[0, 45], [1, 30], [2, 15], [3, 7], [5, 3]]), o);
    let action: DecisionAction;
    let agency: string | null = null;
    let note: string | null = null;
    if (!eligible) {
      action = dice.chance(0.85) ? 'file' : 'return';
    } else {
      action =
        p.kind === 'denunciation'
          ? dice.weighted<DecisionAction>([['forward', 85], ['accept', 10], ['guide', 5]])
          : dice.weighted<DecisionAction>([['forward', 68], ['guide', 20], ['accept', 12]]);
      if (action === 'forward' || action === 'guide') {
        agency = agencyFor(p, f, action === 'guide');
        if (agency === null) action = 'accept';
      }
      if (action === 'accept') note = dice.pick(ACCEPT_NOTES);
    }
    const decision = { action, on: decidedOn, agency, document_no: null as string | null, note };
    p.decision = decision;
    const documentKind = DECISION_DOCUMENT[action];
    if (documentKind) numbered.push({ kind: documentKind, on: decidedOn, set: (no) => (decision.document_no = no) });
    if (action !== 'forward') return;

    // The body's reply: most within its period, some late, a few never.
    const period = o.replyDays[p.kind];
    const dueOn = addWorkingDays(decidedOn, period, o.holidays);
    const lag = dice.chance(0.7) ? dice.int(Math.min(8, period), period) : period + dice.int(3, 40);
    const replyOn = dice.chance(0.95) ? addWorkingDays(decidedOn, lag, o.holidays) : null;
    const replied = replyOn !== null && replyOn <= o.today;
    if (replied) {
      const outcome = dice.weighted(REPLY_OUTCOMES);
      const symbol = agency!.startsWith('XA-') ? 'UBND' : (REPLY_SYMBOLS[agency!] ?? 'BC');
      p.reply = {
        on: replyOn,
        document_no: dice.chance(0.9) ? `${dice.int(15, 2600)}/${symbol}` : null,
        summary: dice.chance(0.8) ? dice.pick(REPLY_SUMMARIES[outcome]) : null,
        outcome,
      };
    }
    // Reminders to a body past its period, before its reply comes.
    const before = (date: string) => date <= o.today && (!replied || date < replyOn);
    if (dueOn >= o.today || !(replyOn === null || replyOn > dueOn) || !dice.chance(0.65)) return;
    const first = addWorkingDays(dueOn, dice.int(2, 8), o.holidays);
    if (!before(first)) return;
    const reminders = [{ on: first, document_no: null as string | null }];
    const second = addWorkingDays(first, dice.int(8, 15), o.holidays);
    if (dice.chance(0.45) && before(second)) reminders.push({ on: second, document_no: null });
    p.reminders = reminders;
    for (const r of reminders) numbered.push({ kind: 'reminder', on: r.on, set: (no) => (r.document_no = no) });
  });

  // Number the documents in the order they were issued: per kind and year, from 01.
  const seq = new Map<string, number>();
  numbered
    .map((d, order) => ({ ...d, order }))
    .sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order)
    .forEach((d) => {
      const key = `${d.kind} ${d.on.slice(0, 4)}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      d.set(`${String(n).padStart(2, '0')}/${o.docPrefixes[d.kind]}`);
    });
}
