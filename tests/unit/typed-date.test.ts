import { describe, expect, it } from 'vitest';
import { expandTwoDigitYear, parseTypedDate, showTypedDate } from '../../shared/calendar/typed-date.ts';

const iso = (text: string, year = 2026) => {
  const r = parseTypedDate(text, year);
  return r.ok ? r.iso : r.reason;
};

describe('parseTypedDate (dd/mm/yyyy as typed at a Vietnamese desk)', () => {
  it('reads digits only, with or without separators, day first', () => {
    expect(iso('20112026')).toBe('2026-11-20');
    expect(iso('20/11/2026')).toBe('2026-11-20');
    expect(iso('20-11-26')).toBe('2026-11-20');
    expect(iso('20.11.2026')).toBe('2026-11-20');
    expect(iso(' 1/2/2026 ')).toBe('2026-02-01');
    expect(iso('01 02 2026')).toBe('2026-02-01');
    expect(iso('201126')).toBe('2026-11-20');
    expect(iso('05032026')).toBe('2026-03-05');
  });

  it('completes a missing year with the current one, and reads a pasted ISO date', () => {
    expect(iso('2011', 2027)).toBe('2027-11-20');
    expect(iso('20/11', 2026)).toBe('2026-11-20');
    expect(iso('2026-11-20')).toBe('2026-11-20');
  });

  it('places two-digit years at most 20 years ahead', () => {
    expect(expandTwoDigitYear(26, 2026)).toBe(2026);
    expect(expandTwoDigitYear(46, 2026)).toBe(2046);
    expect(expandTwoDigitYear(47, 2026)).toBe(1947);
    expect(expandTwoDigitYear(99, 2026)).toBe(1999);
    expect(expandTwoDigitYear(0, 2026)).toBe(2000);
    expect(iso('01/01/85')).toBe('1985-01-01');
  });

  it('refuses days that do not exist, naming the day as typed and the format dd/mm/yyyy', () => {
    const r = parseTypedDate('31/02/2026', 2026);
    expect(r).toMatchObject({ ok: false, reason: 'not-a-day' });
    expect(!r.ok && r.message).toContain('31/02/2026');
    expect(!r.ok && r.message).toContain('dd/mm/yyyy');
    expect(!r.ok && r.message).not.toContain('YYYY-MM-DD');
    expect(iso('29022026')).toBe('not-a-day');
    expect(iso('29022028')).toBe('2028-02-29');
    expect(iso('00/01/2026')).toBe('not-a-day');
    expect(iso('12/13/2026')).toBe('not-a-day');
    expect(iso('01/01/1800')).toBe('not-a-day');
  });

  it('refuses what is not a date, with the expected format', () => {
    for (const text of ['2011202', '20112026x', 'hôm nay', '20/11/202', '1/2/3/4', '12026']) {
      const r = parseTypedDate(text, 2026);
      expect(r, text).toMatchObject({ ok: false, reason: 'format' });
      expect(!r.ok && r.message).toContain('dd/mm/yyyy');
    }
    expect(parseTypedDate('  ', 2026)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('shows stored ISO dates as dd/mm/yyyy, anything else as it is', () => {
    expect(showTypedDate('2026-11-20')).toBe('20/11/2026');
    expect(showTypedDate('20/1')).toBe('20/1');
    expect(showTypedDate(null)).toBe('');
  });
});
