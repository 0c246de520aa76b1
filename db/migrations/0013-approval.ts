// Migration 0013: the leader's approval of outgoing documents (issue 14 item 3). One row per draft
// (dự thảo) of a handling decision's document, a reminder or a notice to a citizen: what the
// drafter proposed (the step's input, JSON), who drafted it, and what became of it — pending,
// sent back with a reason, approved (signed on a day, with the number then issued) or withdrawn.
// Nothing existing changes: a register upgraded keeps issuing numbers directly until an
// administrator turns the setting on (it defaults to off).
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`create table "approvals" (
    "id" integer primary key,
    "kind" text not null check (kind in ('decision', 'reminder', 'notice')),
    "status" text not null default 'pending' check (status in ('pending', 'returned', 'approved', 'withdrawn')),
    "document_kind" text not null,
    "petition_id" integer references petitions (id),
    "visit_id" integer references visits (id),
    "notice_id" integer references notices (id),
    "proposal_json" text not null check (json_valid(proposal_json)),
    "drafted_by_id" integer references users (id),
    "drafted_by" text not null,
    "drafted_at" text not null,
    "decided_by_id" integer references users (id),
    "decided_by" text,
    "decided_at" text,
    "signed_on" text check (signed_on is null or signed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "return_reason" text,
    "document_no" text,
    "updated_at" text not null,
    check ((petition_id is null) <> (visit_id is null)),
    check ((kind = 'notice') = (notice_id is not null)),
    check (status <> 'returned' or return_reason is not null),
    check (status <> 'approved' or (signed_on is not null and decided_at is not null))
  )`).execute(db);
  // The open drafts (Việc cần làm: "Chờ duyệt", "Bị trả lại") and a petition's drafts.
  await sql`create index approvals_status on approvals (status, id)`.execute(db);
  await sql`create index approvals_petition on approvals (petition_id, id) where petition_id is not null`.execute(db);
  await sql`create index approvals_visit on approvals (visit_id, id) where visit_id is not null`.execute(db);
  await sql`create index approvals_notice on approvals (notice_id) where notice_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table approvals`.execute(db);
}
