// The reception register (Sổ tiếp công dân, form 03/TCD): one row per visit in a period.
import type { Kysely } from 'kysely';
import { MATTER_LABELS, OUTCOME_LABELS, type Visit } from '../../shared/domain/reception.ts';
import type { ReceptionRegisterRow } from '../../shared/domain/petition.ts';
import type { DB } from '../schema.ts';
import { getVisits } from './reception.ts';
import { redactVisits } from '../protection.ts';

function nameAndAddress(v: Visit): string {
  if (v.delegation) {
    const reps = v.delegation.representatives.map((r) => (r.address ? `${r.fullName} (${r.address})` : r.fullName)).join('; ');
    return `Đoàn ${v.delegation.members} người, đại diện: ${reps}`;
  }
  return v.citizen.address ? `${v.citizen.fullName}, ${v.citizen.address}` : v.citizen.fullName;
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
  const byId = new Map((await redactVisits(db, await getVisits(db, { ids: ids.map((r) => r.id) }))).map((v) => [v.id, v]));
  return ids.map(({ id }, index) => {
    const v = byId.get(id)!;
    return {
      no: index + 1,
      date: v.sessionDate,
      nameAndAddress: nameAndAddress(v),
      idNumber: v.citizen.idNumber,
      content: v.content,
      classification: MATTER_LABELS[v.matter] + (v.repeat ? ' (tiếp nhiều lần)' : ''),
      persons: v.persons,
      handledBefore: v.handledBy,
      accepted: false,
      guided: v.outcome === 'guided' || v.outcome === 'explained' ? OUTCOME_LABELS[v.outcome] : null,
      forwarded: null,
      followUp: v.petitions.length ? `Nhận đơn số ${v.petitions.map((p) => p.registerNo).join(', ')}` : v.outcome === 'refused' ? OUTCOME_LABELS.refused : null,
      visitId: v.id,
    };
  });
}
