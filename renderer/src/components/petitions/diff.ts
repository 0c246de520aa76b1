// Readable differences between two versions of a petition, as the audit trail stores them
// (before/after JSON): "Tóm tắt nội dung: cũ → mới", "Người đứng đơn 2 – Số CCCD: … → …".
// Pure: no React, no API, so it is unit-tested on its own.
import { CHANNEL_LABELS, FIELD_LABELS, PETITION_KIND_LABELS, PETITION_STATUS_LABELS } from '../../../../shared/domain/petition.ts';
import { GENDER_LABELS } from '../../../../shared/domain/person.ts';
import { DECISION_ACTION_LABELS, DEFAULT_REASON_LABELS, REPLY_OUTCOME_LABELS } from '../../../../shared/domain/workflow.ts';
import { formatIsoDate } from './format.ts';

export { formatIsoDate };

export interface FieldChange {
  /** Machine path, e.g. `petitioners.1.idNumber`. */
  path: string;
  /** Vietnamese label, e.g. `Người đứng đơn 2 – Số CCCD/hộ chiếu`. */
  label: string;
  before: string;
  after: string;
}

/** Shown for a value that is missing, null or blank. */
export const EMPTY = '(trống)';

/** Bookkeeping fields that change on every save and say nothing about the content. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt']);

const PETITION_LABELS: Record<string, string> = {
  registerNo: 'Số vào sổ',
  receivedOn: 'Ngày nhận đơn',
  channel: 'Nguồn đơn',
  visitId: 'Lượt tiếp',
  forwardedBy: 'Cơ quan chuyển đơn',
  writtenOn: 'Ngày viết đơn',
  kind: 'Loại đơn',
  field: 'Lĩnh vực',
  signatories: 'Số người đứng tên',
  petitioners: 'Người đứng đơn',
  subject: 'Người, cơ quan bị khiếu nại, tố cáo',
  summary: 'Tóm tắt nội dung',
  status: 'Trạng thái',
  stage: 'Giai đoạn xử lý',
  dueOn: 'Hạn xử lý',
  replyDueOn: 'Hạn trả lời',
};

const FORWARDED_LABELS: Record<string, string> = {
  agency: 'Cơ quan chuyển đơn',
  letterNo: 'Số văn bản chuyển',
  letterDate: 'Ngày văn bản chuyển',
};

const PERSON_LABELS: Record<string, string> = {
  citizenId: 'Mã công dân',
  fullName: 'Họ và tên',
  idNumber: 'Số CCCD/hộ chiếu',
  birthYear: 'Năm sinh',
  gender: 'Giới tính',
  phone: 'Số điện thoại',
  address: 'Địa chỉ',
  communeCode: 'Xã, phường',
};

const ENUM_LABELS: Record<string, Record<string, string>> = {
  channel: CHANNEL_LABELS,
  kind: PETITION_KIND_LABELS,
  field: FIELD_LABELS,
  status: PETITION_STATUS_LABELS,
  stage: PETITION_STATUS_LABELS,
  gender: GENDER_LABELS,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A person in one line: "Nguyễn Văn A, CCCD 0123…, địa chỉ". */
function describePerson(p: Record<string, Json>): string {
  const parts = [typeof p.fullName === 'string' ? p.fullName : ''];
  if (typeof p.idNumber === 'string' && p.idNumber) parts.push(`CCCD ${p.idNumber}`);
  if (typeof p.address === 'string' && p.address) parts.push(p.address);
  return parts.filter(Boolean).join(', ') || EMPTY;
}

/** A value as the officer reads it: labels for codes, dd/mm/yyyy for dates, Có/Không. */
export function formatValue(key: string, value: unknown): string {
  if (isBlank(value)) return EMPTY;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const labels = ENUM_LABELS[key];
    if (labels) return labels[value] ?? value;
    return formatIsoDate(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    return value.map((v) => (isObject(v) ? describePerson(v) : formatValue(key, v))).join('; ');
  }
  if (isObject(value)) {
    if (key === 'forwardedBy') {
      const parts = [typeof value.agency === 'string' ? value.agency : ''];
      if (typeof value.letterNo === 'string' && value.letterNo) parts.push(`văn bản số ${value.letterNo}`);
      if (typeof value.letterDate === 'string' && value.letterDate) parts.push(`ngày ${formatIsoDate(value.letterDate)}`);
      return parts.filter(Boolean).join(', ');
    }
    return describePerson(value);
  }
  return String(value);
}

function labelFor(path: (string | number)[]): string {
  const [top, index, sub] = path;
  if (top === 'petitioners' && typeof index === 'number') {
    const who = `Người đứng đơn ${index + 1}`;
    return typeof sub === 'string' ? `${who} – ${PERSON_LABELS[sub] ?? sub}` : who;
  }
  if (top === 'forwardedBy' && typeof index === 'string') return FORWARDED_LABELS[index] ?? index;
  if (typeof top === 'string') return PETITION_LABELS[top] ?? top;
  return path.join('.');
}

function same(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(before: unknown, after: unknown, path: (string | number)[], out: FieldChange[]): void {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const push = () => out.push({ path: path.join('.'), label: labelFor(path), before: formatValue(key, before), after: formatValue(key, after) });

  if (same(before, after)) return;

  // Both objects: compare field by field (forwardedBy, one petitioner).
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    for (const k of keys) if (!IGNORED.has(k) || path.length > 0) walk(before[k], after[k], [...path, k], out);
    return;
  }
  // Lists of objects (petitioners): position by position; an added or removed one is one line.
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].some(isObject)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const b = before[i];
      const a = after[i];
      if (isObject(b) && isObject(a)) walk(b, a, [...path, i], out);
      else if (!same(b, a)) out.push({ path: [...path, i].join('.'), label: labelFor([...path, i]), before: b === undefined ? EMPTY : formatValue(key, b), after: a === undefined ? EMPTY : formatValue(key, a) });
    }
    return;
  }
  push();
}

/**
 * The fields that differ between two versions of a record (petition JSON from the audit log),
 * in the record's own field order, with Vietnamese labels and readable values. Bookkeeping
 * fields (id, createdAt, updatedAt) are left out; blank and null count as the same.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  if (isObject(before) && isObject(after)) {
    walk(before, after, [], out);
  } else if (!same(before, after)) {
    out.push({ path: '', label: 'Bản ghi', before: formatValue('', before), after: formatValue('', after) });
  }
  return out;
}

/** "Trường: trước → sau" — one line of a change. */
export function formatChange(change: FieldChange): string {
  return `${change.label}: ${change.before} → ${change.after}`;
}

/** Labels of the workflow's audit actions (the core logs them on the petition). */
export const WORKFLOW_ACTION_LABELS: Record<string, string> = {
  classify: 'Phân loại',
  decide: 'Quyết định xử lý',
  reply: 'Nhận kết quả giải quyết',
  remind: 'Đôn đốc',
  reverse: 'Hủy bỏ',
};

const REVERSED_LABELS: Record<string, string> = { classification: 'phân loại', decision: 'quyết định xử lý', reply: 'kết quả giải quyết' };

function field(record: unknown, key: string): unknown {
  return isObject(record) ? record[key] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * What a workflow step (classify, decide, reply, remind, reverse) did, in words: its facts from the
 * `detail` the core logs with it, then the status change. Unknown shapes give what can be read.
 */
export function describeWorkflowStep(action: string, before: unknown, after: unknown): string[] {
  const detail = field(after, 'detail');
  const lines: string[] = [];
  if (action === 'classify') {
    const eligible = field(detail, 'eligible');
    const reason = text(field(detail, 'reason'));
    if (eligible === true) lines.push('Đủ điều kiện xử lý');
    else if (eligible === false) lines.push(`Không đủ điều kiện xử lý${reason ? `: ${DEFAULT_REASON_LABELS[reason as keyof typeof DEFAULT_REASON_LABELS] ?? reason}` : ''}`);
  } else if (action === 'decide') {
    const act = text(field(detail, 'action'));
    if (act) lines.push(`Hướng xử lý: ${DECISION_ACTION_LABELS[act as keyof typeof DECISION_ACTION_LABELS] ?? act}`);
    const agency = text(field(detail, 'agency'));
    if (agency) lines.push(`Cơ quan: ${agency}`);
    const doc = text(field(detail, 'documentNo'));
    if (doc) lines.push(`Văn bản số ${doc}`);
  } else if (action === 'reply') {
    const outcome = text(field(detail, 'outcome'));
    const onTime = field(detail, 'onTime');
    if (outcome) lines.push(`Kết quả: ${REPLY_OUTCOME_LABELS[outcome as keyof typeof REPLY_OUTCOME_LABELS] ?? outcome}${onTime === false ? ' (báo cáo quá hạn)' : onTime === true ? ' (đúng hạn)' : ''}`);
  } else if (action === 'remind') {
    const doc = text(field(detail, 'documentNo'));
    lines.push(doc ? `Văn bản đôn đốc số ${doc}` : 'Đã đôn đốc');
  } else if (action === 'reverse') {
    const what = text(field(detail, 'reversed'));
    const note = text(field(detail, 'note'));
    lines.push(`Hủy ${what ? (REVERSED_LABELS[what] ?? what) : 'bản ghi'}${note ? ` — lý do: ${note}` : ''}`);
  }
  const b = field(before, 'status');
  const a = field(after, 'status');
  if (a !== undefined && !same(a, b)) lines.push(formatChange({ path: 'status', label: PETITION_LABELS.status!, before: formatValue('status', b), after: formatValue('status', a) }));
  return lines;
}
