// The one definition of the Board's statistics: the keys of `petreg stats --json` (interchange
// contract), their Vietnamese headings, and the identities that make every total the sum of its
// parts. The screen, the XLSX/CSV/PDF exports and the CLI all read this one object.
import { z } from '../validation.ts';
import { isIsoDate } from '../domain/dates.ts';
import { FIELDS, FIELD_LABELS, PETITION_KINDS, type Field, type PetitionKind } from '../domain/petition.ts';
import { DECISION_ACTIONS, DECISION_ACTION_LABELS, INELIGIBLE_REASONS, type DecisionAction, type IneligibleReason } from '../domain/workflow.ts';

export const RECEPTION_GROUPS = ['regular', 'leaders', 'online'] as const;
export type ReceptionGroup = (typeof RECEPTION_GROUPS)[number];
export const RECEPTION_GROUP_LABELS: Record<ReceptionGroup, string> = {
  regular: 'Tiếp thường xuyên',
  leaders: 'Lãnh đạo tiếp (định kỳ, đột xuất)',
  online: 'Tiếp trực tuyến',
};

export interface ReceptionFigures {
  sessions: number;
  visits: number;
  persons: number;
  delegations: number;
  delegation_persons: number;
}
export const RECEPTION_FIGURE_LABELS: Record<keyof ReceptionFigures, string> = {
  sessions: 'Số kỳ, buổi tiếp',
  visits: 'Số lượt tiếp',
  persons: 'Số người được tiếp',
  delegations: 'Số đoàn đông người',
  delegation_persons: 'Số người trong các đoàn',
};

export interface AgencyFigures {
  agency: string;
  name: string;
  forwarded: number;
  replied: number;
  replied_on_time: number;
  /** Replied after the reply deadline (the app's addition: replied = on time + late). */
  replied_late: number;
  /** No reply and past the reply deadline on the as-of date. */
  overdue: number;
  /** No reply, deadline not passed yet (the app's addition: forwarded = replied + overdue + pending). */
  pending: number;
}

/**
 * Petitions of the period by the commune where the case arose (the matter's `case_commune_code`):
 * a NEW key of `stats --json` (the app's addition; the other keys keep their meaning). A code of a
 * unit that later changed into another is counted under today's unit (db/units.ts).
 */
export interface CommuneFigures {
  /** Today's commune code. */
  commune: string;
  /** Today's name ("Phường Biên Hòa"); null for a code outside the list of units. */
  name: string | null;
  province: string | null;
  /** The province as named today ("Thành phố Đồng Nai"). */
  province_name: string | null;
  /** Petitions received in the period with a content whose matter arose in the commune. */
  petitions: number;
  /** The matters of those contents. */
  matters: number;
}

export interface CommuneBreakdown {
  /** The date whose units the codes are mapped to (the register's today). */
  units_on: string;
  /** Most petitions first. A petition whose contents arose in two communes counts in each. */
  communes: CommuneFigures[];
  /** Petitions received in the period none of whose contents has the commune recorded. */
  unrecorded: number;
}

export interface Statistics {
  period: { from: string; to: string };
  /** The date overdue figures are judged on: the period's end, or today if earlier (app's addition). */
  as_of: string;
  reception: Record<ReceptionGroup, ReceptionFigures>;
  petitions: {
    received: number;
    carried_over: number;
    multi_signatory: number;
    eligible: { total: number } & Record<PetitionKind, number>;
    ineligible: { total: number; by_reason: Record<IneligibleReason, number> };
    unclassified: number;
    by_field: Record<Field, number>;
    /** Active decisions on the period's petitions; `total` and `undecided` are the app's additions. */
    decisions: Record<DecisionAction, number> & { total: number; undecided: number };
    forwarded_by_agency: AgencyFigures[];
  };
  /**
   * By the commune where the case arose. Always in `petreg stats --json` and the exports; the
   * screen asks `stats.get` without it (`communes: false`) and reads it through `stats.communes`
   * when its tab opens (a pass over every content and matter of the period it needs only there).
   */
  by_commune?: CommuneBreakdown;
}

/** The period of a statistics request: two dates, the first not after the second. */
const periodFields = {
  from: z.string({ error: 'Thiếu từ ngày' }).refine(isIsoDate, { error: 'Từ ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
  to: z.string({ error: 'Thiếu đến ngày' }).refine(isIsoDate, { error: 'Đến ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
};
const fromNotAfterTo = (r: { from: string; to: string }) => r.from <= r.to;
const periodOrder = { error: 'Từ ngày phải trước hoặc bằng đến ngày', path: ['to'] };

export const statsRequestSchema = z
  .strictObject({
    ...periodFields,
    /** With the breakdown by commune (`by_commune`); default true. */
    communes: z.boolean({ error: 'communes phải là true hoặc false' }).optional(),
  })
  .refine(fromNotAfterTo, periodOrder);
export type StatsRequest = z.input<typeof statsRequestSchema>;

/** The period of `stats.communes` (the breakdown by commune alone). */
export const statsCommunesSchema = z.strictObject(periodFields).refine(fromNotAfterTo, periodOrder);

/** Figures a click on the statistics screen can open as a list of petitions. */
export const STATS_DRILLS = ['received', 'carried_over', 'multi_signatory', 'eligible', 'ineligible', 'unclassified', 'field', 'decision', 'agency_forwarded', 'agency_replied', 'agency_replied_on_time', 'agency_replied_late', 'agency_overdue', 'agency_pending', 'commune', 'commune_unrecorded'] as const;
export type StatsDrill = (typeof STATS_DRILLS)[number];

export const statsDrillSchema = z.strictObject({
  from: z.string().refine(isIsoDate, { error: 'Từ ngày không hợp lệ' }),
  to: z.string().refine(isIsoDate, { error: 'Đến ngày không hợp lệ' }),
  drill: z.enum(STATS_DRILLS, { error: 'Chỉ tiêu không hợp lệ' }),
  /** The part of the figure: a kind, reason, field, action, agency code or (today's) commune code. */
  part: z.string().max(40).nullish(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every identity the figures must satisfy; returns the ones violated (empty when consistent). */
export function checkIdentities(s: Statistics): string[] {
  const broken: string[] = [];
  const expect = (name: string, left: number, right: number) => {
    if (left !== right) broken.push(`${name}: ${left} ≠ ${right}`);
  };
  const p = s.petitions;
  expect('eligible.total = Σ kinds', p.eligible.total, sum(PETITION_KINDS.map((k) => p.eligible[k])));
  expect('ineligible.total = Σ reasons', p.ineligible.total, sum(INELIGIBLE_REASONS.map((r) => p.ineligible.by_reason[r])));
  expect('received = eligible + ineligible + unclassified', p.received, p.eligible.total + p.ineligible.total + p.unclassified);
  expect('received = Σ fields', p.received, sum(FIELDS.map((f) => p.by_field[f])));
  expect('decisions.total = Σ actions', p.decisions.total, sum(DECISION_ACTIONS.map((a) => p.decisions[a])));
  expect('received = decisions.total + undecided', p.received, p.decisions.total + p.decisions.undecided);
  expect('decisions.forward = Σ agencies.forwarded', p.decisions.forward, sum(p.forwarded_by_agency.map((a) => a.forwarded)));
  for (const a of p.forwarded_by_agency) {
    expect(`${a.agency}: forwarded = replied + overdue + pending`, a.forwarded, a.replied + a.overdue + a.pending);
    expect(`${a.agency}: replied = on time + late`, a.replied, a.replied_on_time + a.replied_late);
  }
  const c = s.by_commune ?? { units_on: '', communes: [], unrecorded: p.received };
  if (c.unrecorded + sum(c.communes.map((x) => x.petitions)) < p.received) broken.push(`by_commune: ${c.unrecorded} unrecorded + Σ communes < received ${p.received}`);
  for (const x of c.communes) if (x.petitions > p.received - c.unrecorded) broken.push(`by_commune ${x.commune}: ${x.petitions} > received with a commune ${p.received - c.unrecorded}`);
  if (p.multi_signatory > p.received) broken.push(`multi_signatory ${p.multi_signatory} > received ${p.received}`);
  for (const g of RECEPTION_GROUPS) {
    const r = s.reception[g];
    if (r.delegations > r.visits) broken.push(`${g}: delegations ${r.delegations} > visits ${r.visits}`);
  }
  return broken;
}

export const PETITION_FIGURE_LABELS = {
  received: 'Số đơn tiếp nhận trong kỳ',
  carried_over: 'Số đơn kỳ trước chuyển sang',
  multi_signatory: 'Đơn có nhiều người đứng tên',
  eligible: 'Đơn đủ điều kiện xử lý',
  ineligible: 'Đơn không đủ điều kiện xử lý',
  unclassified: 'Đơn chưa phân loại',
  by_field: 'Phân theo lĩnh vực',
  decisions: 'Kết quả xử lý đơn',
  undecided: 'Chưa có hướng xử lý',
  forwarded_by_agency: 'Đơn chuyển đến cơ quan có thẩm quyền',
  by_commune: 'Đơn theo xã, phường nơi phát sinh vụ việc',
  commune_unrecorded: 'Chưa ghi xã, phường nơi phát sinh',
} as const;

export { FIELD_LABELS, DECISION_ACTION_LABELS };

/**
 * The statistics screen's chart of petitions received per month by kind (stats.monthly): the
 * months in order, none overlapping the next (12 calendar or official months, the last one cut
 * at the period's end). One call and one query instead of a list call per month and kind.
 */
export const statsMonthlySchema = z.strictObject({
  months: z
    .array(
      z
        .strictObject({
          from: z.string({ error: 'Thiếu từ ngày' }).refine(isIsoDate, { error: 'Từ ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
          to: z.string({ error: 'Thiếu đến ngày' }).refine(isIsoDate, { error: 'Đến ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
        })
        .refine((r) => r.from <= r.to, { error: 'Từ ngày phải trước hoặc bằng đến ngày', path: ['to'] }),
    )
    .min(1, { error: 'Cần ít nhất một tháng' })
    .max(24, { error: 'Nhiều nhất 24 tháng' })
    .refine((ms) => ms.every((m, i) => i === 0 || ms[i - 1]!.to < m.from), { error: 'Các tháng phải theo thứ tự và không chồng lên nhau' }),
});
export type StatsMonthlyRequest = z.input<typeof statsMonthlySchema>;

/** Petitions received in one month of the chart, by kind (every petition, classified or not). */
export interface MonthlyKinds {
  from: string;
  to: string;
  counts: Record<PetitionKind, number>;
}
