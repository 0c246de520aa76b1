// 0015: the search indexes answer the first page of a common prefix without reading every match.
// - petitions_words is rebuilt keyed by the NEGATED petition id (rowid = -id): FTS5 walks a
//   doclist cheaply only forwards, so "newest first" becomes "rowid ascending" and a page of 200
//   stops after 200 matches (before: ORDER BY rowid DESC read the whole doclist of "nguyen", half
//   a million entries, for every keystroke).
// - Both petitions_words and citizens_words get prefix indexes for 1 to 7 characters (a
//   Vietnamese syllable has at most 7 letters, "nghieng"): a typed word up to that length is one
//   doclist read in order, not a merge of every word that begins with it. Longer typed words (ID
//   and register numbers) begin few words, and their merge is small.
// - A person's petitions are read from one index (person_id, petition_id) instead of the index of
//   person_id and then each link's row: the "same matter?" candidates of a common name ("Nguyễn
//   Thị Liên" signs 3,000 petitions in a million) take the newest from the index alone.
// - A petition's contents with their matters from one index (petition_id, matter_id): the
//   statistics by the commune where the case arose walk a period's petitions to their matters.
// The words and the triggers are those of 0009 (and 0010 for the citizens) with the rowid negated.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const WORDS = `petreg_search_open(own, names, identity, protected), petreg_search_hidden(own, names, identity, protected)`;

/** The index triggers of 0009, keyed by `key(id)`: -id from this migration on, id before it. */
function triggers(key: (id: string) => string): [string, string][] {
  const reindex = (id: string) => `
      delete from petitions_words where rowid = ${key(id)};
      insert into petitions_words(rowid, open, hidden)
        select ${key('id')}, ${WORDS} from petitions_search_source where id = ${id};`;
  return [
    ['petitions_words_insert', `after insert on petitions begin ${reindex('new.id')} end`],
    ['petitions_words_update', `after update of register_no, subject, summary, fwd_agency, kind on petitions begin ${reindex('new.id')} end`],
    ['petitions_words_delete', `after delete on petitions begin delete from petitions_words where rowid = ${key('old.id')}; end`],
    ['petitions_words_petitioner_insert', `after insert on petition_petitioners begin ${reindex('new.petition_id')} end`],
    ['petitions_words_petitioner_delete', `after delete on petition_petitioners begin ${reindex('old.petition_id')} end`],
    ['petitions_words_petitioner_update', `after update on petition_petitioners begin ${reindex('old.petition_id')} ${reindex('new.petition_id')} end`],
    [
      'petitions_words_person_update',
      `after update of full_name, id_number, phone, address on persons begin
      delete from petitions_words where rowid in (select ${key('petition_id')} from petition_petitioners where person_id = new.id);
      insert into petitions_words(rowid, open, hidden)
        select ${key('id')}, ${WORDS} from petitions_search_source where id in (select petition_id from petition_petitioners where person_id = new.id);
    end`,
    ],
    ['petitions_words_content_insert', `after insert on petition_contents when new.kind = 'denunciation' begin ${reindex('new.petition_id')} end`],
    ['petitions_words_content_delete', `after delete on petition_contents when old.kind = 'denunciation' begin ${reindex('old.petition_id')} end`],
    [
      'petitions_words_content_update',
      `after update of kind, petition_id on petition_contents when old.kind = 'denunciation' or new.kind = 'denunciation' begin ${reindex('old.petition_id')} ${reindex('new.petition_id')} end`,
    ],
  ];
}

const negated = (id: string) => `-(${id})`;
const plain = (id: string) => id;

const CITIZEN_TRIGGERS: [string, string][] = [
  ['citizens_words_insert', `after insert on citizens begin insert into citizens_words(rowid, full_name_folded) values (new.id, new.full_name_folded); end`],
  [
    'citizens_words_delete',
    `after delete on citizens begin insert into citizens_words(citizens_words, rowid, full_name_folded) values ('delete', old.id, old.full_name_folded); end`,
  ],
  [
    'citizens_words_update',
    `after update of full_name_folded on citizens begin
      insert into citizens_words(citizens_words, rowid, full_name_folded) values ('delete', old.id, old.full_name_folded);
      insert into citizens_words(rowid, full_name_folded) values (new.id, new.full_name_folded);
    end`,
  ],
];

async function dropTriggers(db: Kysely<any>, triggers: [string, string][]): Promise<void> {
  for (const [name] of triggers) await sql.raw(`drop trigger if exists ${name}`).execute(db);
}

async function createTriggers(db: Kysely<any>, triggers: [string, string][]): Promise<void> {
  for (const [name, body] of triggers) await sql.raw(`create trigger ${name} ${body}`).execute(db);
}

async function petitionWords(db: Kysely<any>, prefix: string, key: (id: string) => string): Promise<void> {
  await dropTriggers(db, triggers(key));
  await sql`drop table petitions_words`.execute(db);
  await sql
    .raw(`create virtual table petitions_words using fts5(open, hidden, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='${prefix}')`)
    .execute(db);
  // In rowid order: FTS5 appends to its segments instead of merging out-of-order entries.
  await sql
    .raw(`insert into petitions_words(rowid, open, hidden) select ${key('id')}, ${WORDS} from petitions_search_source order by id ${key === negated ? 'desc' : 'asc'}`)
    .execute(db);
  await createTriggers(db, triggers(key));
}

async function citizenWords(db: Kysely<any>, prefix: string): Promise<void> {
  await dropTriggers(db, CITIZEN_TRIGGERS);
  await sql`drop table citizens_words`.execute(db);
  await sql.raw(`create virtual table citizens_words using fts5(full_name_folded, content='citizens', content_rowid='id', tokenize='unicode61', prefix='${prefix}')`).execute(db);
  await sql`insert into citizens_words(citizens_words) values ('rebuild')`.execute(db);
  await createTriggers(db, CITIZEN_TRIGGERS);
}

export async function up(db: Kysely<any>): Promise<void> {
  await petitionWords(db, '1 2 3 4 5 6 7', negated);
  await citizenWords(db, '1 2 3 4 5 6 7');
  await sql`create index petition_petitioners_person_petition on petition_petitioners (person_id, petition_id)`.execute(db);
  await sql`drop index petition_petitioners_person`.execute(db);
  await sql`create index petition_contents_petition_matter on petition_contents (petition_id, matter_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index petition_contents_petition_matter`.execute(db);
  await sql`create index petition_petitioners_person on petition_petitioners (person_id)`.execute(db);
  await sql`drop index petition_petitioners_person_petition`.execute(db);
  await citizenWords(db, '1 2');
  await petitionWords(db, '1 2 3', plain);
}
