// 0009: the petition search becomes a token index over the folded text (search as you type).
// - petitions_words: an FTS5 table, contentless (it keeps only the index), one token per
//   Vietnamese syllable or number, with prefix indexes for 1, 2 and 3 characters so that every
//   typed word is a prefix of a word of the record (`nguyen van d` -> nguyen* van* d*).
//   Column `open` holds what anyone may find a petition by; column `hidden` holds what only an
//   officer with the permission may find a denunciation by: its denouncers' names and ID numbers,
//   and the words of its own text that are also words of their identity (db/search-index.ts).
// - petitions_search_source: the view the index is computed from (own text, petitioners' names,
//   their whole identity, whether the petition is protected).
// - triggers keep the index current on every write that changes one of those: the petition, its
//   petitioners, a person's identity, a denunciation content added, changed or removed.
// The words are computed by the SQL functions petreg_search_open / petreg_search_hidden, which the
// register registers on every connection (db/register.ts), like petreg_fold.
// The trigram table petitions_fts of 0003 stays (the matters suggestions read it).
import { sql, type Kysely } from 'kysely';

const REINDEX = (id: string) => `
      delete from petitions_words where rowid = ${id};
      insert into petitions_words(rowid, open, hidden)
        select id, petreg_search_open(own, names, identity, protected), petreg_search_hidden(own, names, identity, protected)
        from petitions_search_source where id = ${id};`;

const TRIGGERS: [string, string][] = [
  ['petitions_words_insert', `after insert on petitions begin ${REINDEX('new.id')} end`],
  ['petitions_words_update', `after update of register_no, subject, summary, fwd_agency, kind on petitions begin ${REINDEX('new.id')} end`],
  ['petitions_words_delete', `after delete on petitions begin delete from petitions_words where rowid = old.id; end`],
  ['petitions_words_petitioner_insert', `after insert on petition_petitioners begin ${REINDEX('new.petition_id')} end`],
  ['petitions_words_petitioner_delete', `after delete on petition_petitioners begin ${REINDEX('old.petition_id')} end`],
  ['petitions_words_petitioner_update', `after update on petition_petitioners begin ${REINDEX('old.petition_id')} ${REINDEX('new.petition_id')} end`],
  [
    'petitions_words_person_update',
    `after update of full_name, id_number, phone, address on persons begin
      delete from petitions_words where rowid in (select petition_id from petition_petitioners where person_id = new.id);
      insert into petitions_words(rowid, open, hidden)
        select id, petreg_search_open(own, names, identity, protected), petreg_search_hidden(own, names, identity, protected)
        from petitions_search_source where id in (select petition_id from petition_petitioners where person_id = new.id);
    end`,
  ],
  ['petitions_words_content_insert', `after insert on petition_contents when new.kind = 'denunciation' begin ${REINDEX('new.petition_id')} end`],
  ['petitions_words_content_delete', `after delete on petition_contents when old.kind = 'denunciation' begin ${REINDEX('old.petition_id')} end`],
  [
    'petitions_words_content_update',
    `after update of kind, petition_id on petition_contents when old.kind = 'denunciation' or new.kind = 'denunciation' begin ${REINDEX('old.petition_id')} ${REINDEX('new.petition_id')} end`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table petitions_words using fts5(open, hidden, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`.execute(db);
  await sql`create view petitions_search_source as
    select p.id as id,
      p.register_no || ' ' || coalesce(p.subject, '') || ' ' || p.summary || ' ' || coalesce(p.fwd_agency, '') as own,
      coalesce((select group_concat(x.full_name || ' ' || coalesce(x.id_number, ''), ' ')
        from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id), '') as names,
      coalesce((select group_concat(x.full_name || ' ' || coalesce(x.id_number, '') || ' ' || coalesce(x.phone, '') || ' ' || coalesce(x.address, ''), ' ')
        from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id), '') as identity,
      (p.kind = 'denunciation' or exists (select 1 from petition_contents c where c.petition_id = p.id and c.kind = 'denunciation')) as protected
    from petitions p`.execute(db);
  await sql`insert into petitions_words(rowid, open, hidden)
    select id, petreg_search_open(own, names, identity, protected), petreg_search_hidden(own, names, identity, protected) from petitions_search_source`.execute(db);
  for (const [name, body] of TRIGGERS) await sql.raw(`create trigger ${name} ${body}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`drop trigger ${name}`).execute(db);
  await sql`drop view petitions_search_source`.execute(db);
  await sql`drop table petitions_words`.execute(db);
}
