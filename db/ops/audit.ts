// Reading the audit log back, newest first.
import type { Kysely } from 'kysely';
import type { AuditEntry, auditListSchema } from '../../shared/domain/audit.ts';
import type { z } from '../../shared/validation.ts';
import type { DB } from '../schema.ts';

export async function listAudit(db: Kysely<DB>, input: z.output<typeof auditListSchema>): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (input.entity) query = query.where('entity', '=', input.entity);
  if (input.entityId) query = query.where('entity_id', '=', input.entityId);
  const rows = await query.orderBy('id', 'desc').limit(input.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
