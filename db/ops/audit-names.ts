// Names the record of each audit entry the way an officer knows it: a petition by its register
// number ("Đơn 2026/000123"), an agency or a user by name, a session, a visit, a holiday or a
// statistics export by its date(s); never by an internal id.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import { formatDateVN, isIsoDate } from '../../shared/calendar/dates.ts';

const date = (iso: string | null | undefined) => (iso && isIsoDate(iso) ? formatDateVN(iso) : '');

function idsOf(entries: readonly AuditEntry[], entity: string): number[] {
  return [...new Set(entries.filter((e) => e.entity === entity && e.entityId !== null).map((e) => Number(e.entityId)).filter(Number.isInteger))];
}

async function lookup<T>(ids: number[], load: (ids: number[]) => Promise<T[]>, key: (row: T) => number): Promise<Map<number, T>> {
  if (ids.length === 0) return new Map();
  return new Map((await load(ids)).map((r) => [key(r), r]));
}

export async function nameAuditRecords(db: Kysely<DB>, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const petitions = await lookup(idsOf(entries, 'petition'), (ids) => db.selectFrom('petitions').select(['id', 'register_no']).where('id', 'in', ids).execute(), (r) => r.id);
  const attachments = await lookup(
    idsOf(entries, 'attachment'),
    (ids) => db.selectFrom('attachments').innerJoin('petitions', 'petitions.id', 'attachments.petition_id').select(['attachments.id', 'attachments.file_name', 'petitions.register_no']).where('attachments.id', 'in', ids).execute(),
    (r) => r.id,
  );
  const agencies = await lookup(idsOf(entries, 'agency'), (ids) => db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute(), (r) => r.id);
  const users = await lookup(idsOf(entries, 'user'), (ids) => db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute(), (r) => r.id);
  const sessions = await lookup(idsOf(entries, 'session'), (ids) => db.selectFrom('reception_sessions').select(['id', 'date']).where('id', 'in', ids).execute(), (r) => r.id);
  const visits = await lookup(
    idsOf(entries, 'visit'),
    (ids) =>
      db
        .selectFrom('visits')
        .innerJoin('reception_sessions', 'reception_sessions.id', 'visits.session_id')
        .innerJoin('persons', 'persons.id', 'visits.person_id')
        .select(['visits.id', 'reception_sessions.date', 'persons.full_name'])
        .where('visits.id', 'in', ids)
        .execute(),
    (r) => r.id,
  );
  return entries.map((e) => {
    const id = Number(e.entityId);
    let recordName: string | null = null;
    switch (e.entity) {
      case 'petition':
        recordName = petitions.has(id) ? `Đơn ${petitions.get(id)!.register_no}` : 'Đơn';
        break;
      case 'attachment': {
        const a = attachments.get(id);
        recordName = a ? `Tệp “${a.file_name}” của đơn ${a.register_no}` : 'Tệp đính kèm';
        break;
      }
      case 'agency':
        recordName = agencies.has(id) ? `Cơ quan “${agencies.get(id)!.name}”` : 'Cơ quan';
        break;
      case 'user':
        recordName = users.has(id) ? `Cán bộ ${users.get(id)!.full_name}` : 'Cán bộ';
        break;
      case 'session':
        recordName = sessions.has(id) ? `Kỳ tiếp ngày ${date(sessions.get(id)!.date)}` : 'Kỳ tiếp';
        break;
      case 'visit': {
        const v = visits.get(id);
        recordName = v ? `Lượt tiếp ngày ${date(v.date)}: ${v.full_name}` : 'Lượt tiếp';
        break;
      }
      case 'holiday':
        recordName = `Ngày nghỉ ${date(e.entityId)}`;
        break;
      case 'statistics': {
        const [from, to] = (e.entityId ?? '').split('..');
        recordName = from && to ? `Thống kê từ ${date(from)} đến ${date(to)}` : 'Thống kê';
        break;
      }
      case 'settings':
        recordName = 'Cài đặt';
        break;
      case 'register':
        recordName = 'Sổ tiếp công dân';
        break;
    }
    return { ...e, recordName };
  });
}
