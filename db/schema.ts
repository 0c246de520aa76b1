// Kysely table types of the current schema. Migrations never import these: they are frozen in time.
import type { Generated } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_folded: string;
  kind: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  title: string | null;
  role: string;
  active: number;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface DB {
  agencies: AgencyTable;
  users: UserTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
}
