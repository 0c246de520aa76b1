// Audit log entries (nhật ký): who changed what, when, with the record before and after.
import { z } from '../validation.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** The record as an officer knows it ("Đơn 2026/000123", "Cơ quan “…”"); set by audit.list. */
  recordName?: string | null;
}

export const auditListSchema = z
  .strictObject({
    entity: z.string().max(40).optional(),
    entityId: z.string().max(80).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });
