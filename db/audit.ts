// The audit log (nhật ký): every write records who, when, what, and the record before and after.
import type { Transaction } from 'kysely';
import type { DB } from './schema.ts';
import type { OpContext } from './context.ts';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(trx: Transaction<DB>, ctx: OpContext, record: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: ctx.register.now().toISOString(),
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId === null ? null : String(record.entityId),
      before_json: record.before === undefined ? null : JSON.stringify(record.before),
      after_json: record.after === undefined ? null : JSON.stringify(record.after),
    })
    .execute();
}
