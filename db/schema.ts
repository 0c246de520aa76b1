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
  /** 1: may reveal a denouncer's identity (migration 0006). */
  can_see_protected: Generated<number>;
  /** scrypt$N$r$p$salt$hash (base64), migration 0011; null: no password set yet. */
  password_hash: string | null;
  password_changed_at: string | null;
  must_change_password: Generated<number>;
  failed_attempts: Generated<number>;
  /** ISO instant until which sign-in is refused after too many failures. */
  locked_until: string | null;
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
  /** Hash chain (migration 0008): the previous row's hash, and this row's (db/audit.ts). */
  prev_hash: string | null;
  hash: string | null;
}

interface PersonColumns {
  full_name: string;
  full_name_folded: string;
  id_number: string | null;
  birth_year: number | null;
  gender: string | null;
  phone: string | null;
  address: string | null;
  commune_code: string | null;
  /** Since schema 4: citizen, foreigner or organisation, and the ID's issue and the organisation's details. */
  person_kind: Generated<string>;
  nationality: string | null;
  id_issued_on: string | null;
  id_issued_place: string | null;
  org_reg_no: string | null;
  org_representative: string | null;
}

export interface CitizenTable extends PersonColumns {
  id: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PersonTable extends PersonColumns {
  id: Generated<number>;
  citizen_id: number | null;
}

export interface ReceptionSessionTable {
  id: Generated<number>;
  kind: string;
  date: string;
  host: string | null;
  host_name: string | null;
  location: string | null;
  officers_json: string;
  created_at: string;
  updated_at: string;
  host_mode: string | null;
  delegate_name: string | null;
  delegate_title: string | null;
  online_of: string | null;
}

export interface VisitTable {
  id: Generated<number>;
  session_id: number;
  persons: number;
  delegation_members: number | null;
  person_id: number;
  matter: string;
  content: string;
  repeat: number;
  outcome: string;
  created_at: string;
  updated_at: string;
  /** Since schema 4: the matter (vụ việc) the visit is about; set on every visit. */
  matter_id: number | null;
  refusal_ground: string | null;
  handled_by: string | null;
}

export interface VisitRepresentativeTable {
  visit_id: number;
  position: number;
  person_id: number;
}

export interface PetitionTable {
  id: Generated<number>;
  year: number;
  seq: number;
  register_no: string;
  received_on: string;
  channel: string;
  visit_id: number | null;
  fwd_agency: string | null;
  fwd_letter_no: string | null;
  fwd_letter_date: string | null;
  written_on: string | null;
  kind: string;
  field: string;
  signatories: number;
  subject: string | null;
  /** The subject folded (fold), for the "same matter?" candidates by subject (migration 0016). */
  subject_folded: string | null;
  summary: string;
  search_folded: string;
  created_at: string;
  updated_at: string;
  stage: Generated<string>;
  due_on: string | null;
  reply_due_on: string | null;
  cls_eligible: number | null;
  cls_reason: string | null;
  dec_action: string | null;
  dec_on: string | null;
  dec_agency_id: number | null;
  reply_on: string | null;
  step: string | null;
  step_due_on: string | null;
}

export interface PetitionPetitionerTable {
  petition_id: number;
  position: number;
  person_id: number;
}

interface Reversible {
  reversed_at: string | null;
  reversed_by: string | null;
  reversal_note: string | null;
}

export interface HolidayTable {
  date: string;
  name: string;
  updated_at: string;
  /** 'holiday' (statutory), 'substitute' (off in lieu of one on a weekend), 'announced' (a day the government gave). */
  kind: Generated<string>;
  /** The announcing document, when the day comes from an announcement. */
  source: string | null;
}

export interface HolidayYearTable {
  year: number;
  generated_at: string;
}

export interface OutgoingDocumentTable {
  id: Generated<number>;
  kind: string;
  year: number;
  seq: number;
  number: string;
  petition_id: number;
  issued_on: string;
  created_at: string;
}

export interface ClassificationTable extends Reversible {
  id: Generated<number>;
  petition_id: number;
  eligible: number;
  reason: string | null;
  duplicate_of: number | null;
  note: string | null;
  decided_on: string;
  decided_by: string;
  created_at: string;
  /** The matter a duplicate classification took the petition from (migration 0014). */
  moved_from_matter_id: Generated<number | null>;
}

export interface DecisionTable extends Reversible {
  id: Generated<number>;
  petition_id: number;
  action: string;
  decided_on: string;
  agency_id: number | null;
  document_id: number | null;
  document_no: string | null;
  note: string | null;
  reply_due_on: string | null;
  decided_by: string;
  created_at: string;
  to_inspection: Generated<number>;
  /** The content decided (migration 0014); null only for a decision written before its content existed. */
  content_id: number | null;
}

export interface ReplyTable extends Reversible {
  id: Generated<number>;
  decision_id: number;
  received_on: string;
  document_no: string | null;
  outcome: string;
  summary: string | null;
  recorded_by: string;
  created_at: string;
}

export interface ReminderTable {
  id: Generated<number>;
  decision_id: number;
  sent_on: string;
  document_id: number | null;
  document_no: string | null;
  recorded_by: string;
  created_at: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  petition_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  added_by: string;
  created_at: string;
  removed_at: string | null;
}

export interface MatterTable {
  id: Generated<number>;
  kind: string;
  field: string | null;
  title: string;
  title_folded: string;
  case_commune_code: string | null;
  arrival_state: Generated<string>;
  complaint_level: string | null;
  decided_by: string | null;
  first_seen_on: string;
  seen_before: Generated<number>;
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

export interface PetitionContentTable {
  id: Generated<number>;
  petition_id: number;
  position: number;
  matter_id: number;
  kind: string;
  field: string;
  summary: string;
  needs_split: Generated<number>;
  repeat: Generated<number>;
  /** The content's own step deadline by its kind (migration 0014). */
  step: Generated<string | null>;
  step_due_on: Generated<string | null>;
}

export interface NoticeTable {
  id: Generated<number>;
  kind: string;
  petition_id: number | null;
  visit_id: number | null;
  decision_id: number | null;
  reply_id: number | null;
  recipient: string;
  due_on: string;
  issued_on: string | null;
  doc_year: number | null;
  doc_seq: number | null;
  document_no: string | null;
  issued_by: string | null;
  created_at: string;
  cancelled_at: string | null;
}

export interface DB {
  agencies: AgencyTable;
  users: UserTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  citizens: CitizenTable;
  persons: PersonTable;
  reception_sessions: ReceptionSessionTable;
  visits: VisitTable;
  visit_representatives: VisitRepresentativeTable;
  petitions: PetitionTable;
  petition_petitioners: PetitionPetitionerTable;
  holidays: HolidayTable;
  holiday_years: HolidayYearTable;
  outgoing_documents: OutgoingDocumentTable;
  classifications: ClassificationTable;
  decisions: DecisionTable;
  replies: ReplyTable;
  reminders: ReminderTable;
  attachments: AttachmentTable;
  matters: MatterTable;
  petition_contents: PetitionContentTable;
  notices: NoticeTable;
  worked_days: WorkedDayTable;
  receipts: ReceiptTable;
  receipt_items: ReceiptItemTable;
  approvals: ApprovalTable;
}

/** A draft of an outgoing document waiting for (or past) the leader's approval (migration 0013). */
export interface ApprovalTable {
  id: Generated<number>;
  kind: string;
  status: Generated<string>;
  document_kind: string;
  petition_id: number | null;
  visit_id: number | null;
  notice_id: number | null;
  proposal_json: string;
  drafted_by_id: number | null;
  drafted_by: string;
  drafted_at: string;
  decided_by_id: number | null;
  decided_by: string | null;
  decided_at: string | null;
  signed_on: string | null;
  return_reason: string | null;
  document_no: string | null;
  updated_at: string;
}

/** A weekend day worked in exchange for a day off (ngày làm bù): a working day. */
export interface WorkedDayTable {
  date: string;
  name: string;
  source: string | null;
  updated_at: string;
}

/** The receipt of form 02/TCD recorded for a petition. */
export interface ReceiptTable {
  petition_id: number;
  time: string | null;
  receiver_name: string;
  receiver_title: string | null;
  updated_at: string;
}

export interface ReceiptItemTable {
  petition_id: number;
  position: number;
  name: string;
  pages: number | null;
  state: string;
}
