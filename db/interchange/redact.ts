// Exports for other bodies without denouncers: a post-processing step over the export object
// (`petreg export FILE --redact-denouncers`), kept apart from the exporter so that a new version
// of the format only needs its shapes named here. Law on Denunciations art. 56(1)-(2): a
// denouncer's name, address and other personal information are kept secret and stripped from
// what is handed on (shared/domain/protection.ts).
import type { Person } from '../../shared/domain/person.ts';
import { isProtectedPetition, isProtectedVisit, PROTECTED_LABEL, scrubIdentity } from '../../shared/domain/protection.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Keys of a person kept as they are: what kind of petitioner it is, never who. */
const KEPT_KEYS = new Set(['kind', 'type']);
/** Keys that name a person or an organisation: they read "Người tố cáo (được bảo vệ)". */
const NAME_KEYS = new Set(['full_name', 'name']);

/** A person of the file with nothing that identifies them left. */
function redactedFilePerson(person: Json): Json {
  return Object.fromEntries(
    Object.entries(person).map(([key, value]) => [key, KEPT_KEYS.has(key) ? value : NAME_KEYS.has(key) ? PROTECTED_LABEL : Array.isArray(value) ? [] : null]),
  );
}

/** The strings of a file person that identify them, as a Person for scrubIdentity. */
function asPerson(p: Json): Person {
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
  return {
    citizenId: null,
    fullName: text('full_name') ?? text('name') ?? '',
    idNumber: text('id_number') ?? text('passport_no') ?? text('tax_no'),
    birthYear: null,
    gender: null,
    phone: text('phone'),
    address: text('address'),
    communeCode: null,
  };
}

/** A petition is protected by its kind (v1) or by any denunciation content (v2 `contents`). */
function protectedPetition(p: Json): boolean {
  if (typeof p.kind === 'string' && isProtectedPetition({ kind: p.kind })) return true;
  return list(p.contents).some((c) => typeof c.kind === 'string' && isProtectedPetition({ kind: c.kind }));
}

function visitPersons(v: Json): Json[] {
  const delegation = isObject(v.delegation) ? list(v.delegation.representatives) : [];
  return [...(isObject(v.citizen) ? [v.citizen] : []), ...delegation];
}

export interface RedactionSummary {
  petitions: number;
  visits: number;
}

/**
 * The export with every denouncer redacted: a denunciation's petitioners, the visitor and
 * representatives of a visit about a denunciation or at which one was handed in, and their
 * names, ID numbers, phones and addresses wherever the petition's or visit's own text repeats
 * them. Returns a new object; the input is left as it was.
 */
export function redactDenouncers<T extends object>(file: T): { file: T; summary: RedactionSummary } {
  const copy = structuredClone(file) as unknown as Json;
  const petitions = list(copy.petitions);
  const visits = list(copy.visits);
  const hiddenPetitions = petitions.filter(protectedPetition);
  const visitRefs = new Set(hiddenPetitions.map((p) => p.visit).filter((r): r is string => typeof r === 'string'));
  const hiddenVisits = visits.filter((v) => (typeof v.matter === 'string' && isProtectedVisit({ matter: v.matter })) || (typeof v.ref === 'string' && visitRefs.has(v.ref)));

  const scrubFields = (record: Json, persons: Person[], keys: string[]) => {
    for (const key of keys) if (typeof record[key] === 'string') record[key] = scrubIdentity(record[key] as string, persons);
  };
  const originalPersons: Person[] = [];
  for (const p of hiddenPetitions) {
    const persons = list(p.petitioners).map(asPerson);
    originalPersons.push(...persons);
    p.petitioners = list(p.petitioners).map(redactedFilePerson);
    scrubFields(p, persons, ['subject', 'summary']);
    for (const c of list(p.contents)) scrubFields(c, persons, ['subject', 'summary']);
  }
  for (const v of hiddenVisits) {
    const persons = visitPersons(v).map(asPerson);
    originalPersons.push(...persons);
    if (isObject(v.citizen)) v.citizen = redactedFilePerson(v.citizen);
    if (isObject(v.delegation)) v.delegation.representatives = list(v.delegation.representatives).map(redactedFilePerson);
    scrubFields(v, persons, ['content']);
  }
  // A matter's title is taken from the words of its first petition or visit (v2 `matters`): a
  // denouncer named there is taken out too.
  for (const m of list(copy.matters)) scrubFields(m, originalPersons, ['title', 'decided_by']);
  // A notice to a denouncer (v2 `notices`) names them as its recipient.
  const hiddenRefs = new Set([...hiddenPetitions, ...hiddenVisits].map((r) => r.ref).filter((r): r is string => typeof r === 'string'));
  for (const n of list(copy.notices)) {
    const on = typeof n.petition === 'string' ? n.petition : n.visit;
    if (typeof on === 'string' && hiddenRefs.has(on)) n.recipient = PROTECTED_LABEL;
  }
  return { file: copy as unknown as T, summary: { petitions: hiddenPetitions.length, visits: hiddenVisits.length } };
}
