// Migration 0011: officers sign in (issue 14). Users gain a password hash (scrypt, its salt and
// parameters stored with it, never the password), a failed-attempt counter and a lock-until
// instant, and a flag asking for a new password after an administrator's reset. The role CHECK is
// widened to the four roles (officer, handler, leader, admin); SQLite cannot alter a CHECK, so the
// table is rebuilt (foreign keys off, one transaction, as in 0005). The officers of an existing
// register become handlers: they could classify and decide before, and still can.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin immediate`.execute(db);
  try {
    await sql.raw(`create table "users_0011" (
      "id" integer primary key,
      "username" text not null unique,
      "full_name" text not null,
      "title" text,
      "role" text not null check (role in ('admin','officer','handler','leader')),
      "active" integer not null default 1 check (active in (0, 1)),
      "created_at" text not null,
      "can_see_protected" integer not null default 0 check (can_see_protected in (0, 1)),
      "password_hash" text,
      "password_changed_at" text,
      "must_change_password" integer not null default 0 check (must_change_password in (0, 1)),
      "failed_attempts" integer not null default 0 check (failed_attempts >= 0),
      "locked_until" text)`).execute(db);
    await sql.raw(`insert into users_0011 (id, username, full_name, title, role, active, created_at, can_see_protected)
      select id, username, full_name, title, case when role = 'officer' then 'handler' else role end, active, created_at, can_see_protected from users`).execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_0011 rename to users`.execute(db);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`Migration 0011: ${broken.rows.length} foreign key violations after rebuilding users`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin immediate`.execute(db);
  try {
    await sql.raw(`create table "users_0010" (
      "id" integer primary key,
      "username" text not null unique,
      "full_name" text not null,
      "title" text,
      "role" text not null check (role in ('admin','officer')),
      "active" integer not null default 1 check (active in (0, 1)),
      "created_at" text not null,
      "can_see_protected" integer not null default 0 check (can_see_protected in (0, 1)))`).execute(db);
    await sql.raw(`insert into users_0010 (id, username, full_name, title, role, active, created_at, can_see_protected)
      select id, username, full_name, title, case when role = 'admin' then 'admin' else 'officer' end, active, created_at, can_see_protected from users`).execute(db);
    await sql`drop table users`.execute(db);
    await sql`alter table users_0010 rename to users`.execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
