// The demo register's contents as a v1 interchange file: a year of reception and petitions of a
// provincial Board, and what was done with them (./workflow.ts), from a seeded PRNG, so the same
// seed and day always give the same register. Volumes follow the Board's annual reports
// (domain.md): a regular session every working day, a few hundred visits, about 25 delegations,
// about 1,100 petitions in a full year.
import { addDays, formatDateVN } from '../../shared/calendar/dates.ts';
import { defaultHolidays, holidaySet } from '../../shared/calendar/holidays.ts';
import { isWorkingDay, type HolidayCalendar } from '../../shared/calendar/working-days.ts';
import type { Commune } from '../../shared/domain/units.ts';
import type { Channel, PetitionKind } from '../../shared/domain/petition.ts';
import type { Outcome, SessionKind } from '../../shared/domain/reception.ts';
import { DEFAULT_DOC_PREFIXES, type DocumentKind } from '../../shared/domain/settings.ts';
import { DEFAULT_REPLY_DAYS } from '../../shared/domain/workflow.ts';
import { INTERCHANGE_FORMAT, type V1File, type V1Person, type V1Petition, type V1Session, type V1Visit } from '../../shared/interchange/v1.ts';
import {
  COMPANIES,
  FAMILY_NAMES,
  FORWARDING_BODIES,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  HAMLETS,
  MIDDLE_NAMES_FEMALE,
  MIDDLE_NAMES_MALE,
  MINORITY_NAMES,
  PROJECTS,
  QUESTIONS,
  RIVERS,
  SUMMARY_TEMPLATES,
  type SummaryContext,
  type SummaryTemplate,
} from './vocabulary.ts';
import { Dice } from './dice.ts';
import { addDemoWorkflow, type PetitionFacts } from './workflow.ts';

export interface DemoOptions {
  seed: number;
  /** The last day of the demo (the register's today, in Vietnam). */
  today: string;
  /** Two-digit code of the Board's province; addresses and CCCD numbers follow it. */
  provinceCode: string;
  /** "Tỉnh Quảng Ngãi": the province's full name. */
  provinceName: string;
  communes: Commune[];
  /** The register's reply periods and document prefixes (settings); default: the app's defaults. */
  replyDays?: Record<PetitionKind, number>;
  docPrefixes?: Record<DocumentKind, string>;
  /** Agency codes the register holds, so that decisions name only those; default: any. */
  agencyCodes?: ReadonlySet<string>;
}

/** Online reception is lawful from this day (Law 136/2025/QH15). */
const ONLINE_RECEPTION_FROM = '2026-07-01';

/** Petitions per working day that come without a visit, by channel (a full year: about 980). */
const DAILY_RATES: readonly (readonly [Channel, number])[] = [
  ['post', 1.7],
  ['forwarded', 1.2],
  ['mailbox', 0.35],
  ['online', 0.45],
  ['other', 0.15],
];

/**
 * The days the demo covers: 1 January of today's year up to today, or the last 90 days when the
 * year is younger than that, so that a demo made in January still shows a working register.
 */
export function demoPeriod(today: string): { from: string; to: string } {
  const newYear = `${today.slice(0, 4)}-01-01`;
  const ninetyDaysBack = addDays(today, -89);
  return { from: ninetyDaysBack < newYear ? ninetyDaysBack : newYear, to: today };
}

/** The default holidays of every year in the period. */
export function demoHolidays(from: string, to: string): HolidayCalendar {
  const dates = new Set<string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (const d of holidaySet(defaultHolidays(year))) dates.add(d);
  }
  return dates;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const distinct = (names: string[]) => names.filter((n, i) => names.indexOf(n) === i);

/** What a generated visit or petition is about. */
interface Matter_ {
  template: SummaryTemplate;
  summary: string;
  subject: string | null;
  commune: Commune;
}

export function generateDemo(options: DemoOptions): V1File {
  const dice = new Dice(options.seed);
  const { from, to } = demoPeriod(options.today);
  const holidays = demoHolidays(from, to);
  const province = lowerFirst(options.provinceName);
  const idPrefix = `0${options.provinceCode.padStart(2, '0')}`;
  const usedIds = new Set<string>();

  const personName = (): { name: string; gender: 'male' | 'female' } => {
    if (dice.chance(0.05)) {
      const [name, gender] = dice.pick(MINORITY_NAMES);
      return { name, gender };
    }
    const gender = dice.chance(0.52) ? 'male' : 'female';
    const family = dice.weighted(FAMILY_NAMES);
    const middle = dice.pick(gender === 'male' ? MIDDLE_NAMES_MALE : MIDDLE_NAMES_FEMALE);
    const given = dice.pick(gender === 'male' ? GIVEN_NAMES_MALE : GIVEN_NAMES_FEMALE);
    return { name: `${family} ${middle} ${given}`, gender };
  };

  const hamletOf = (commune: Commune): string =>
    commune.type === 'ward' ? `Tổ dân phố ${dice.int(1, 12)}` : dice.chance(0.7) ? `Thôn ${dice.pick(HAMLETS)}` : `Thôn ${dice.int(1, 9)}`;

  /** CCCD: province of birth registration, century and sex, year of birth, then six digits. */
  const idNumber = (birthYear: number, gender: 'male' | 'female'): string => {
    const century = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
    for (;;) {
      const id = `${idPrefix}${century}${String(birthYear % 100).padStart(2, '0')}${String(dice.int(0, 999_999)).padStart(6, '0')}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const newPerson = (commune: Commune, withId: boolean): V1Person => {
    const { name, gender } = personName();
    const birthYear = dice.int(1940, 2004);
    return {
      full_name: name,
      id_number: withId ? idNumber(birthYear, gender) : null,
      birth_year: withId || dice.chance(0.5) ? birthYear : null,
      gender,
      phone: dice.chance(0.65) ? `${dice.pick(['09', '03', '08', '07'])}${String(dice.int(0, 99_999_999)).padStart(8, '0')}` : null,
      address: `${hamletOf(commune)}, ${lowerFirst(commune.fullName)}, ${province}`,
      commune_code: commune.code,
    };
  };

  // A few communes send far more petitions than others (projects, disputes): weight them.
  const communeWeights = options.communes.map((c) => [c, dice.chance(0.15) ? 6 : 1] as const);
  const someCommune = () => dice.weighted(communeWeights);

  const context = (commune: Commune, date: string): SummaryContext => {
    const year = Number(date.slice(0, 4));
    return {
      commune: lowerFirst(commune.fullName),
      hamlet: lowerFirst(hamletOf(commune)),
      province,
      project: dice.pick(PROJECTS),
      river: dice.pick(RIVERS),
      company: dice.pick(COMPANIES),
      official: personName().name,
      relative: personName().name,
      number: (min, max) => dice.int(min, max),
      year,
      earlierDate: formatDateVN(addDays(date, -dice.int(20, 200))),
    };
  };

  const templateWeights = SUMMARY_TEMPLATES.map((t) => [t, t.weight] as const);
  const newMatter = (date: string, kind?: PetitionKind): Matter_ => {
    const commune = someCommune();
    const pool = kind ? templateWeights.filter(([t]) => t.kind === kind) : templateWeights;
    const template = dice.weighted(pool.length > 0 ? pool : templateWeights);
    const c = context(commune, date);
    return { template, summary: template.summary(c), subject: template.subject?.(c) ?? null, commune };
  };

  // The Board and the province's leaders (made-up names).
  const officers = Array.from({ length: 6 }, () => personName().name);
  const boardHead = personName().name;
  const boardDeputy = personName().name;
  const chairperson = personName().name;
  const viceChair = personName().name;

  const sessions: V1Session[] = [];
  const visits: V1Visit[] = [];
  const petitions: V1Petition[] = [];
  /** People who have come before, with what they came about: some come back. */
  const returning: { person: V1Person; matter: Matter_ }[] = [];

  const addSession = (kind: SessionKind, date: string, host: string, hostName: string | null, location: string, staff: string[]): string => {
    const ref = `S${sessions.length + 1}`;
    sessions.push({ ref, kind, date, host, host_name: hostName, location, officers: staff });
    return ref;
  };

  const workflow = { classification: null, decision: null, reply: null, reminders: [] };

  const facts: PetitionFacts[] = [];
  /** Petitions each returning citizen signed first, by the person's record (the same object). */
  const petitionsOf = new Map<V1Person, string[]>();
  const addPetition = (p: Omit<V1Petition, 'ref' | 'register_no' | 'classification' | 'decision' | 'reply' | 'reminders'>, commune: Commune): void => {
    const ref = `P${petitions.length + 1}`;
    petitions.push({ ref, register_no: null, ...p, ...workflow });
    const first = p.petitioners[0];
    const earlier = first ? petitionsOf.get(first) : undefined;
    facts.push({ commune, earlier: earlier?.[0] ?? null });
    if (first) petitionsOf.set(first, [...(earlier ?? []), ref]);
  };

  const writtenBefore = (date: string, min: number, max: number): string | null => (dice.chance(0.75) ? addDays(date, -dice.int(min, max)) : null);

  const addVisit = (sessionRef: string, date: string, kind: SessionKind, delegationChance: number): void => {
    const ref = `V${visits.length + 1}`;
    const online = kind === 'online';
    if (!online && dice.chance(delegationChance)) {
      // A delegation: 5–30 people of one place with one matter, represented by some of them.
      const members = dice.chance(0.6) ? dice.int(5, 12) : dice.int(13, 30);
      const repCount = members <= 10 ? dice.int(1, 2) : dice.int(1, 5);
      const matter = newMatter(date, dice.weighted([['complaint', 5], ['recommendation', 3], ['multiple', 2]] as const));
      const reps = Array.from({ length: repCount }, () => newPerson(matter.commune, true));
      const outcome = dice.weighted<Outcome>([['petition_received', 6], ['explained', 2], ['guided', 2]]);
      visits.push({
        ref,
        session: sessionRef,
        persons: members,
        delegation: { members, representatives: reps },
        citizen: reps[0]!,
        matter: matter.template.kind,
        content: `Đoàn ${members} công dân ${lowerFirst(matter.commune.fullName)} ${lowerFirst(matter.summary)}`,
        repeat: false,
        outcome,
      });
      if (outcome === 'petition_received') {
        const others = Array.from({ length: dice.int(0, 2) }, () => newPerson(matter.commune, true));
        addPetition({
          received_on: date,
          channel: 'in_person',
          visit: ref,
          forwarded_by: null,
          written_on: writtenBefore(date, 0, 15),
          kind: matter.template.kind,
          field: matter.template.field,
          signatories: members,
          petitioners: [...reps, ...others],
          subject: matter.subject,
          summary: matter.summary,
        }, matter.commune);
      }
      return;
    }
    const back = returning.length > 5 && dice.chance(0.12) ? dice.pick(returning) : null;
    if (!back && dice.chance(0.08)) {
      // A question answered on the spot, or a pointer to the competent body.
      const commune = someCommune();
      visits.push({
        ref,
        session: sessionRef,
        persons: 1,
        delegation: null,
        citizen: newPerson(commune, dice.chance(0.9)),
        matter: 'other',
        content: dice.pick(QUESTIONS)(context(commune, date)),
        repeat: false,
        outcome: dice.chance(0.6) ? 'explained' : 'guided',
      });
      return;
    }
    const matter = back?.matter ?? newMatter(date, dice.weighted<PetitionKind>([['complaint', 42], ['denunciation', 8], ['recommendation', 42], ['multiple', 8]]));
    const citizen = back?.person ?? newPerson(matter.commune, dice.chance(0.95));
    const persons = dice.weighted([[1, 85], [2, 12], [3, 2], [4, 1]] as const);
    const outcome = dice.weighted<Outcome>([['petition_received', 45], ['explained', 25], ['guided', 22], ['refused', 2], ['other', 6]]);
    visits.push({
      ref,
      session: sessionRef,
      persons,
      delegation: null,
      citizen,
      matter: matter.template.kind,
      content: matter.summary,
      repeat: back !== null,
      outcome,
    });
    if (!back) returning.push({ person: citizen, matter });
    if (outcome === 'petition_received') {
      addPetition({
        received_on: date,
        channel: online ? 'online' : 'in_person',
        visit: ref,
        forwarded_by: null,
        written_on: writtenBefore(date, 0, 10),
        kind: matter.template.kind,
        field: matter.template.field,
        signatories: 1,
        petitioners: [citizen],
        subject: matter.subject,
        summary: matter.summary,
      }, matter.commune);
    }
  };

  const addLoosePetition = (date: string, channel: Channel): void => {
    const back = returning.length > 10 && dice.chance(0.1) ? dice.pick(returning) : null;
    const matter = back?.matter ?? newMatter(date);
    const anonymous = !back && channel !== 'forwarded' && dice.chance(matter.template.kind === 'denunciation' ? 0.3 : 0.015);
    const many = !anonymous && dice.chance(0.05);
    const petitioners = anonymous
      ? []
      : [back?.person ?? newPerson(matter.commune, dice.chance(channel === 'post' || channel === 'mailbox' ? 0.55 : 0.8)), ...(many ? Array.from({ length: dice.int(0, 2) }, () => newPerson(matter.commune, dice.chance(0.6))) : [])];
    if (!back && petitioners[0]) returning.push({ person: petitioners[0], matter });
    let forwardedBy: V1Petition['forwarded_by'] = null;
    let writtenOn = writtenBefore(date, 2, 25);
    if (channel === 'forwarded') {
      const body = dice.weighted(FORWARDING_BODIES.map((b) => [b, b.weight] as const));
      const letterDate = addDays(date, -dice.int(3, 20));
      const numbered = dice.chance(0.85);
      forwardedBy = { agency: body.name(province), letter_no: numbered ? `${dice.int(12, 4800)}/${body.symbol}` : null, letter_date: numbered ? letterDate : null };
      writtenOn = dice.chance(0.7) ? addDays(letterDate, -dice.int(5, 60)) : null;
    }
    addPetition({
      received_on: date,
      channel,
      visit: null,
      forwarded_by: forwardedBy,
      written_on: writtenOn,
      kind: matter.template.kind,
      field: matter.template.field,
      signatories: many ? Math.max(petitioners.length, dice.int(3, 45)) : 1,
      petitioners,
      subject: matter.subject,
      summary: matter.summary,
    }, matter.commune);
  };

  // Leaders' sessions: the Chairperson once a month (the first working day from the 15th), the
  // Vice-Chair ad hoc when a crowd or an urgent case calls for it, online once a month from July 2026.
  const periodicDays = new Set<string>();
  const onlineDays = new Set<string>();
  const firstWorkingDayFrom = (date: string): string => {
    let d = date;
    while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
    return d;
  };
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) {
    const periodic = firstWorkingDayFrom(`${month}-15`);
    if (periodic >= from && periodic <= to) periodicDays.add(periodic);
    const online = firstWorkingDayFrom(`${month}-25`);
    if (online >= ONLINE_RECEPTION_FROM && online >= from && online <= to) onlineDays.add(online);
  }

  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (!isWorkingDay(date, holidays)) continue;
    const byHead = dice.chance(0.3);
    const regular = addSession(
      'regular',
      date,
      byHead ? 'Trưởng Ban Tiếp công dân tỉnh' : 'Phó Trưởng Ban Tiếp công dân tỉnh',
      byHead ? boardHead : boardDeputy,
      'Trụ sở Tiếp công dân tỉnh',
      distinct([dice.pick(officers), dice.pick(officers)]),
    );
    const regularVisits = 1 + (dice.chance(0.22) ? 1 : 0) + (dice.chance(0.05) ? 1 : 0);
    for (let i = 0; i < regularVisits; i += 1) addVisit(regular, date, 'regular', 0.045);

    if (periodicDays.has(date)) {
      const ref = addSession('periodic', date, 'Chủ tịch UBND tỉnh', chairperson, 'Trụ sở Tiếp công dân tỉnh', distinct([boardHead, dice.pick(officers), dice.pick(officers)]));
      const count = dice.int(3, 6);
      for (let i = 0; i < count; i += 1) addVisit(ref, date, 'periodic', 0.2);
    }
    if (dice.chance(0.02)) {
      const ref = addSession('adhoc', date, 'Phó Chủ tịch UBND tỉnh', viceChair, 'Trụ sở Tiếp công dân tỉnh', distinct([boardHead, dice.pick(officers)]));
      addVisit(ref, date, 'adhoc', 1);
      if (dice.chance(0.4)) addVisit(ref, date, 'adhoc', 0.3);
    }
    if (onlineDays.has(date)) {
      const ref = addSession('online', date, 'Trưởng Ban Tiếp công dân tỉnh', boardHead, 'Trực tuyến', [dice.pick(officers)]);
      const count = dice.int(2, 4);
      for (let i = 0; i < count; i += 1) addVisit(ref, date, 'online', 0);
    }

    for (const [channel, base] of DAILY_RATES) {
      const rate = channel === 'online' ? (date >= ONLINE_RECEPTION_FROM ? base * 1.6 : base * 0.5) : base;
      const n = dice.poisson(rate);
      for (let i = 0; i < n; i += 1) addLoosePetition(date, channel);
    }
  }

  addDemoWorkflow(dice, petitions, facts, {
    today: options.today,
    // Handling runs past the period's end (reply periods): the next year's holidays too.
    holidays: demoHolidays(from, addDays(to, 366)),
    replyDays: options.replyDays ?? DEFAULT_REPLY_DAYS,
    docPrefixes: options.docPrefixes ?? DEFAULT_DOC_PREFIXES,
    agencyCodes: options.agencyCodes ?? null,
  });

  return { format: INTERCHANGE_FORMAT, agencies: [], sessions, visits, petitions };
}
