// The Vietnamese lunisolar calendar (âm lịch), computed rather than tabulated so that any year works
// offline. Rules, as for the Chinese calendar but reckoned at the meridian of UTC+7:
//   - a month begins on the local day of a new moon;
//   - month 11 is the month containing the December solstice (sun's apparent longitude 270°);
//   - when 13 months begin between one month 11 and the next, the first of them after month 11 that
//     contains no principal term (sun entering a multiple of 30°) is a leap month, numbered like the
//     month before it.
// The time zone is a parameter because it matters: in 1985 Vietnam (UTC+7) and China (UTC+8) kept
// Tết a month apart, and in 2007 and 2030 a day apart.
//
// Astronomy after Jean Meeus, Astronomical Algorithms (2nd ed.): new moons from chapter 49 (about a
// minute's accuracy), the sun's apparent longitude from chapter 25's low-accuracy series (0.01°, a
// quarter of an hour), ΔT from the Espenak–Meeus polynomials. The approximations can only move a
// month boundary when a new moon falls within a minute or so of local midnight (four times at UTC+7
// in 1900–2100, e.g. 1967-07-07 23:59:58), or a principal term within a quarter hour of it.
import { fromEpochDay, parseIsoDate, toEpochDay } from './dates.ts';
import type { IsoDate } from './dates.ts';

export interface LunarDate {
  /** 1–30. */
  day: number;
  /** 1–12; a leap month repeats the number of the month before it. */
  month: number;
  /** The lunar year, named after the Gregorian year in which its month 1 begins. */
  year: number;
  leap: boolean;
}

/** Vietnam's zone, the meridian its calendar has been reckoned at since 1968. */
export const VIETNAM_TIME_ZONE = 7;
/** Years accepted by the conversions; ΔT, and so the astronomy, is uncertain far outside them. */
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

const DEG = Math.PI / 180;
/** Julian day number of 1970-01-01 (an epoch day of 0). */
const JDN_UNIX_EPOCH = 2_440_588;
const SYNODIC_MONTH = 29.530588861;
/** JDE of the mean new moon of 2000-01-06, lunation k = 0 in Meeus's numbering. */
const NEW_MOON_EPOCH = 2451550.09766;

function sinDeg(x: number): number {
  return Math.sin(x * DEG);
}

/** ΔT = TT − UT in seconds at a decimal year (Espenak & Meeus, NASA eclipse pages, 2006). */
function deltaTSeconds(year: number): number {
  const longTerm = (y: number) => {
    const u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  };
  if (year < 1700 || year >= 2150) return longTerm(year);
  if (year < 1800) {
    const t = year - 1700;
    return 8.83 + 0.1603 * t - 0.0059285 * t ** 2 + 0.00013336 * t ** 3 - t ** 4 / 1_174_000;
  }
  if (year < 1860) {
    const t = year - 1800;
    return (
      13.72 - 0.332447 * t + 0.0068612 * t ** 2 + 0.0041116 * t ** 3 - 0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 - 0.0000001699 * t ** 6 + 0.000000000875 * t ** 7
    );
  }
  if (year < 1900) {
    const t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233_174;
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  return longTerm(year) - 0.5628 * (2150 - year);
}

/** ΔT in days at a Julian day (the year is only needed roughly: ΔT changes slowly). */
function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86_400;
}

/** JDE (Terrestrial Time) of the true new moon of lunation k (Meeus chapter 49, k whole). */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  // Eccentricity of Earth's orbit, which scales the terms that involve the sun's anomaly.
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

  const periodic =
    -0.4072 * sinDeg(Mp) +
    0.17241 * E * sinDeg(M) +
    0.01608 * sinDeg(2 * Mp) +
    0.01039 * sinDeg(2 * F) +
    0.00739 * E * sinDeg(Mp - M) -
    0.00514 * E * sinDeg(Mp + M) +
    0.00208 * E * E * sinDeg(2 * M) -
    0.00111 * sinDeg(Mp - 2 * F) -
    0.00057 * sinDeg(Mp + 2 * F) +
    0.00056 * E * sinDeg(2 * Mp + M) -
    0.00042 * sinDeg(3 * Mp) +
    0.00042 * E * sinDeg(M + 2 * F) +
    0.00038 * E * sinDeg(M - 2 * F) -
    0.00024 * E * sinDeg(2 * Mp - M) -
    0.00017 * sinDeg(Om) -
    0.00007 * sinDeg(Mp + 2 * M) +
    0.00004 * sinDeg(2 * Mp - 2 * F) +
    0.00004 * sinDeg(3 * M) +
    0.00003 * sinDeg(Mp + M - 2 * F) +
    0.00003 * sinDeg(2 * Mp + 2 * F) -
    0.00003 * sinDeg(Mp + M + 2 * F) +
    0.00003 * sinDeg(Mp - M + 2 * F) -
    0.00002 * sinDeg(Mp - M - 2 * F) -
    0.00002 * sinDeg(3 * Mp + M) +
    0.00002 * sinDeg(4 * Mp);

  // Perturbations by the planets (Meeus table 49.B): each a few seconds, together up to a minute.
  const planetary =
    0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * T2) +
    0.000165 * sinDeg(251.88 + 0.016321 * k) +
    0.000164 * sinDeg(251.83 + 26.651886 * k) +
    0.000126 * sinDeg(349.42 + 36.412478 * k) +
    0.00011 * sinDeg(84.66 + 18.206239 * k) +
    0.000062 * sinDeg(141.74 + 53.303771 * k) +
    0.00006 * sinDeg(207.14 + 2.453732 * k) +
    0.000056 * sinDeg(154.84 + 7.30686 * k) +
    0.000047 * sinDeg(34.52 + 27.261239 * k) +
    0.000042 * sinDeg(207.19 + 0.121824 * k) +
    0.00004 * sinDeg(291.34 + 1.844379 * k) +
    0.000037 * sinDeg(161.72 + 24.198154 * k) +
    0.000035 * sinDeg(239.56 + 25.513099 * k) +
    0.000023 * sinDeg(331.55 + 3.592518 * k);

  return mean + periodic + planetary;
}

/** The sun's apparent geocentric longitude in degrees [0, 360) at a JDE (Meeus chapter 25). */
function sunLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sinDeg(M) +
    (0.019993 - 0.000101 * T) * sinDeg(2 * M) +
    0.000289 * sinDeg(3 * M);
  // Apparent, not geometric: the principal terms are defined by what is seen, so aberration and
  // nutation (about 0.006°, some eight minutes of the sun's motion) are applied.
  const omega = 125.04 - 1934.136 * T;
  const apparent = L0 + C - 0.00569 - 0.00478 * sinDeg(omega);
  return ((apparent % 360) + 360) % 360;
}

/** Julian day number of the local day (at UTC+timeZone) on which lunation k's new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  const jde = newMoonJde(k);
  const localJd = jde - deltaTDays(jde) + timeZone / 24;
  // Julian days begin at noon, so the civil day containing a Julian date is floor(jd + 0.5).
  return Math.floor(localJd + 0.5);
}

/**
 * Which 30° sector (0–11) the sun is in at the local midnight that begins day `jdn`.
 * A month that starts and ends in the same sector has no principal term in it.
 */
function sunSectorAtDayStart(jdn: number, timeZone: number): number {
  const jdUt = jdn - 0.5 - timeZone / 24;
  return Math.floor(sunLongitude(jdUt + deltaTDays(jdUt)) / 30);
}

/** The lunation whose month contains day `jdn`: newMoonDay(k) ≤ jdn < newMoonDay(k + 1). */
function lunationContaining(jdn: number, timeZone: number): number {
  let k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k, timeZone) > jdn) k -= 1;
  while (newMoonDay(k + 1, timeZone) <= jdn) k += 1;
  return k;
}

interface LunarMonth {
  /** Julian day number of the first day. */
  start: number;
  /** 29 or 30. */
  length: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Months from month 11 of lunar year `year` up to (not including) the next month 11. */
type SolsticeYear = readonly LunarMonth[];

/** The lunation of month 11: the month containing the December solstice of Gregorian `year`. */
function month11Lunation(year: number, timeZone: number): number {
  // Start from the month holding 31 December and step back until the month does not begin after the
  // sun has passed 270° (sector 9). December months begin in sectors 8 or 9, so this never wraps.
  let k = lunationContaining(toEpochDay(`${year}-12-31`) + JDN_UNIX_EPOCH, timeZone);
  while (sunSectorAtDayStart(newMoonDay(k, timeZone), timeZone) >= 9) k -= 1;
  return k;
}

function buildSolsticeYear(year: number, timeZone: number): SolsticeYear {
  const first = month11Lunation(year, timeZone);
  const count = month11Lunation(year + 1, timeZone) - first; // 12, or 13 in a leap year
  const starts: number[] = [];
  for (let i = 0; i <= count; i += 1) starts.push(newMoonDay(first + i, timeZone));

  let leapIndex = -1;
  if (count === 13) {
    // Month 11 holds the solstice by construction, so the search starts at the month after it.
    for (let i = 1; i < count; i += 1) {
      if (sunSectorAtDayStart(at(starts, i), timeZone) === sunSectorAtDayStart(at(starts, i + 1), timeZone)) {
        leapIndex = i;
        break;
      }
    }
    // Thirteen months share at most twelve principal terms, so one of them must lack a term.
    if (leapIndex < 0) throw new Error(`No month without a principal term in lunar year ${year}`);
  }

  const months: LunarMonth[] = [];
  let month = 10;
  let lunarYear = year;
  for (let i = 0; i < count; i += 1) {
    const leap = i === leapIndex;
    if (!leap) {
      month = (month % 12) + 1;
      if (month === 1) lunarYear = year + 1;
    }
    months.push({ start: at(starts, i), length: at(starts, i + 1) - at(starts, i), month, year: lunarYear, leap });
  }
  return months;
}

function at(list: readonly number[], i: number): number {
  const value = list[i];
  if (value === undefined) throw new Error(`Index ${i} out of range`);
  return value;
}

// Each solstice year costs a few dozen new-moon and sun evaluations; conversions of nearby dates
// reuse them. The cap keeps a long-running process from growing without bound.
const cache = new Map<string, SolsticeYear>();
const CACHE_LIMIT = 512;

function solsticeYear(year: number, timeZone: number): SolsticeYear {
  const key = `${timeZone}:${year}`;
  let months = cache.get(key);
  if (!months) {
    months = buildSolsticeYear(year, timeZone);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, months);
  }
  return months;
}

function checkTimeZone(timeZone: number): void {
  if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14) {
    throw new RangeError(`Not a time zone offset in hours: ${timeZone}`);
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`Year ${year} is outside ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}`);
  }
}

/** The lunar date of a solar (Gregorian) date, reckoned at UTC+timeZone (Vietnam: 7). */
export function solarToLunar(iso: IsoDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  checkTimeZone(timeZone);
  const { year } = parseIsoDate(iso);
  checkYear(year);
  const jdn = toEpochDay(iso) + JDN_UNIX_EPOCH;
  // Month 11 begins in November or December, so a date belongs to the solstice year that starts in
  // its own Gregorian year or, before that month 11, to the previous one.
  let months = solsticeYear(year, timeZone);
  if (months[0] === undefined || jdn < months[0].start) months = solsticeYear(year - 1, timeZone);
  for (let i = months.length - 1; i >= 0; i -= 1) {
    const m = months[i];
    if (m && m.start <= jdn) return { day: jdn - m.start + 1, month: m.month, year: m.year, leap: m.leap };
  }
  throw new Error(`No lunar month contains ${iso}`);
}

/**
 * The solar date of a lunar date reckoned at UTC+timeZone. Throws RangeError when that date does not
 * exist: a leap month the year lacks, or day 30 of a 29-day month.
 */
export function lunarToSolar(day: number, month: number, year: number, leap: boolean, timeZone: number = VIETNAM_TIME_ZONE): IsoDate {
  checkTimeZone(timeZone);
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Not a lunar month: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Not a lunar day: ${day}`);
  // Months 11 and 12 of lunar year Y open the solstice year Y; months 1–10 close solstice year Y − 1.
  const months = solsticeYear(month >= 11 ? year : year - 1, timeZone);
  const found = months.find((m) => m.year === year && m.month === month && m.leap === leap);
  const label = `${day}/${month}${leap ? ' nhuận' : ''}/${year}`;
  if (!found) throw new RangeError(`Lunar year ${year} has no ${leap ? 'leap ' : ''}month ${month} (${label})`);
  if (day > found.length) throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${found.length} days (${label})`);
  return fromEpochDay(found.start + day - 1 - JDN_UNIX_EPOCH);
}

/** The leap month of a lunar year (1–12), or null when the year has none. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | null {
  checkTimeZone(timeZone);
  checkYear(year);
  const all = [...solsticeYear(year - 1, timeZone), ...solsticeYear(year, timeZone)];
  return all.find((m) => m.year === year && m.leap)?.month ?? null;
}
