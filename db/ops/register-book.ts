// The reception register (Sổ tiếp công dân, form 03/TCD of Decree 154/2026/NĐ-CP): one row per visit
// in a period, columns 8–11 filled from the record of the petitions handed in at the visit.
import type { Kysely } from 'kysely';
import { MATTER_LABELS, OUTCOME_LABELS, type Visit } from '../../shared/domain/reception.ts';
import type { ReceptionRegisterRow } from '../../shared/domain/petition.ts';
import type { DB } from '../schema.ts';
import type { Person } from '../../shared/domain/person.ts';
import { printedAddress } from '../../shared/domain/units.ts';
import { communeAsOn } from '../units.ts';
import { getVisits } from './reception.ts';
import { redactVisits } from '../protection.ts';

/** The address as printed: the text as written, with the commune it is coded under. */
function addressOf(p: Pick<Person, 'address' | 'communeCode'>, onDate: string): string | null {
  const unit = p.communeCode ? communeAsOn(p.communeCode, onDate) : undefined;
  return printedAddress(p.address, unit?.commune ?? null, unit?.province ?? null);
}

function nameAndAddress(v: Visit): string {
  if (v.delegation) {
    const reps = v.delegation.representatives
      .map((r) => {
        const address = addressOf(r, v.sessionDate);
        return address ? `${r.fullName} (${address})` : r.fullName;
      })
      .join('; ');
    return `Đoàn ${v.delegation.members} người, đại diện: ${reps}`;
  }
  const address = addressOf(v.citizen, v.sessionDate);
  return address ? `${v.citizen.fullName}, ${address}` : v.citizen.fullName;
}

/** What the record holds about the handling of the petitions handed in at one visit. */
export interface VisitHandling {
  /** Bodies that sent the petitions on to the Board (the petition's "forwarded by"). */
  forwardedBy: string[];
  /** Bodies that already answered earlier petitions of the same citizen (a reply was recorded). */
  answeredBefore: string[];
  /** The active decision on each petition handed in at the visit. */
  decisions: { registerNo: string; action: string; agency: string | null; documentNo: string | null; replied: string | null }[];
}

/**
 * Column 8, "Cơ quan đã giải quyết": the body that already handled the case (form 03/TCD note 8).
 * The one function the column reads: the law branch records it on the visit, and then this returns
 * that value first. Until then: the bodies the record shows handled it before the Board.
 */
export function handledBeforeOf(h: VisitHandling, recorded: string | null = null): string | null {
  if (recorded?.trim()) return recorded.trim();
  const bodies = [...new Set([...h.forwardedBy, ...h.answeredBefore])];
  return bodies.length ? bodies.join('; ') : null;
}

/** "Sở Nông nghiệp và Môi trường (số 01/HD-BTCD)". */
function withNumber(agency: string | null, documentNo: string | null): string {
  const body = agency ?? 'cơ quan có thẩm quyền';
  return documentNo ? `${body} (số ${documentNo})` : body;
}

async function handlingOf(db: Kysely<DB>, visits: Visit[]): Promise<Map<number, VisitHandling>> {
  const petitionIds = visits.flatMap((v) => v.petitions.map((p) => p.id));
  const byVisit = new Map<number, VisitHandling>(visits.map((v) => [v.id, { forwardedBy: [], answeredBefore: [], decisions: [] }]));
  if (petitionIds.length) {
    const petitions = await db.selectFrom('petitions').select(['id', 'visit_id', 'register_no', 'fwd_agency']).where('id', 'in', petitionIds).orderBy('id').execute();
    const decisions = await db
      .selectFrom('decisions as d')
      .leftJoin('agencies as a', 'a.id', 'd.agency_id')
      .select(['d.id', 'd.petition_id', 'd.action', 'd.document_no', 'a.name as agency'])
      .where('d.petition_id', 'in', petitionIds)
      .where('d.reversed_at', 'is', null)
      .orderBy('d.id')
      .execute();
    const replies = decisions.length
      ? await db
          .selectFrom('replies')
          .select(['decision_id', 'received_on', 'document_no', 'outcome'])
          .where('decision_id', 'in', decisions.map((d) => d.id))
          .where('reversed_at', 'is', null)
          .orderBy('id')
          .execute()
      : [];
    for (const p of petitions) {
      const h = byVisit.get(p.visit_id ?? -1);
      if (!h) continue;
      if (p.fwd_agency) h.forwardedBy.push(p.fwd_agency);
      const d = decisions.filter((x) => x.petition_id === p.id).at(-1);
      if (!d) continue;
      const reply = replies.filter((r) => r.decision_id === d.id).at(-1);
      h.decisions.push({
        registerNo: p.register_no,
        action: d.action,
        agency: d.agency,
        documentNo: d.document_no,
        replied: reply ? `${reply.document_no ? `Văn bản số ${reply.document_no} ` : 'Trả lời '}ngày ${reply.received_on.split('-').reverse().join('/')}` : null,
      });
    }
  }
  // Earlier petitions of the same citizen that a body answered: that body has handled the case.
  for (const v of visits) {
    if (!v.repeat || v.citizen.citizenId === null) continue;
    const rows = await db
      .selectFrom('petitions as p')
      .innerJoin('petition_petitioners as pp', 'pp.petition_id', 'p.id')
      .innerJoin('persons as pe', 'pe.id', 'pp.person_id')
      .innerJoin('decisions as d', 'd.petition_id', 'p.id')
      .innerJoin('replies as r', 'r.decision_id', 'd.id')
      .innerJoin('agencies as a', 'a.id', 'd.agency_id')
      .select('a.name')
      .where('pe.citizen_id', '=', v.citizen.citizenId)
      .where('p.received_on', '<', v.sessionDate)
      .where('d.reversed_at', 'is', null)
      .where('r.reversed_at', 'is', null)
      .orderBy('r.received_on')
      .execute();
    byVisit.get(v.id)!.answeredBefore.push(...rows.map((r) => r.name));
  }
  return byVisit;
}

export async function receptionRegister(db: Kysely<DB>, from: string, to: string): Promise<ReceptionRegisterRow[]> {
  const ids = await db
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .select('v.id')
    .where('s.date', '>=', from)
    .where('s.date', '<=', to)
    .orderBy('s.date')
    .orderBy('v.id')
    .execute();
  // A denouncer's visit is written "Người tố cáo (được bảo vệ)", with no ID number (db/protection.ts).
  const visits = await redactVisits(db, await getVisits(db, { ids: ids.map((r) => r.id) }));
  const byId = new Map(visits.map((v) => [v.id, v]));
  const handling = await handlingOf(db, visits);
  return ids.map(({ id }, index) => {
    const v = byId.get(id)!;
    const h = handling.get(id)!;
    const of = (action: string) => h.decisions.filter((d) => d.action === action);
    const guidedDocs = of('guide').map((d) => withNumber(d.agency, d.documentNo));
    const forwardedDocs = of('forward').map((d) => withNumber(d.agency, d.documentNo));
    const orally = v.outcome === 'guided' || v.outcome === 'explained' ? OUTCOME_LABELS[v.outcome] : null;
    const follow: string[] = [];
    if (v.petitions.length) follow.push(`Nhận đơn số ${v.petitions.map((p) => p.registerNo).join(', ')}`);
    for (const d of h.decisions) if (d.replied) follow.push(`${d.agency ?? 'Cơ quan'} đã trả lời: ${d.replied}`);
    if (v.outcome === 'refused') follow.push(OUTCOME_LABELS.refused);
    const notes: string[] = [];
    if (v.delegation) notes.push(`Đoàn đông người (${v.delegation.members} người)`);
    if (v.repeat) notes.push('Tiếp nhiều lần');
    return {
      no: index + 1,
      date: v.sessionDate,
      nameAndAddress: nameAndAddress(v),
      idNumber: v.citizen.idNumber,
      content: v.content,
      classification: MATTER_LABELS[v.matter],
      persons: v.persons,
      handledBefore: handledBeforeOf(h, v.handledBy),
      accepted: of('accept').length > 0,
      guided: guidedDocs.length ? guidedDocs.join('; ') : orally,
      forwarded: forwardedDocs.length ? forwardedDocs.join('; ') : null,
      followUp: follow.length ? follow.join('; ') : null,
      note: notes.length ? notes.join('; ') : null,
      visitId: v.id,
    };
  });
}
