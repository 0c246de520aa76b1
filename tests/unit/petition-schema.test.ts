// The shared intake schemas and helpers: what the form and the core both accept, refuse and store.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate, optionalIsoDate, vietnamDate, yearOf } from '../../shared/domain/dates.ts';
import { personSchema } from '../../shared/domain/person.ts';
import { formatRegisterNo, parseRegisterNo, petitionCreateSchema, petitionListSchema } from '../../shared/domain/petition.ts';
import { DELEGATION_MIN_MEMBERS, delegationSchema, maxRepresentatives, visitSaveSchema } from '../../shared/domain/reception.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import { isVietnamese } from '../helpers/envelope.ts';

/** The issues of a refused parse, as "path: message" (throws if it was accepted). */
function issues(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  for (const issue of result.error.issues) expect(isVietnamese(issue.message), issue.message).toBe(true);
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const parsePerson = (patch: Record<string, unknown>) => personSchema.parse({ fullName: 'Nguyễn Văn Đức', ...patch });

describe('personSchema', () => {
  it('trims names and stores them NFC', () => {
    const nfd = '  Nguyễn Văn Đức \t'.normalize('NFD');
    const p = personSchema.parse({ fullName: nfd, address: ' Thôn An Phú '.normalize('NFD') });
    expect(p.fullName).toBe('Nguyễn Văn Đức'.normalize('NFC'));
    expect(p.fullName.normalize('NFC')).toBe(p.fullName);
    expect(p.address).toBe('Thôn An Phú'.normalize('NFC'));
    expect(p).toEqual({ citizenId: null, fullName: 'Nguyễn Văn Đức', idNumber: null, birthYear: null, gender: null, phone: null, address: 'Thôn An Phú', communeCode: null });
  });

  it('refuses a blank, missing or too long name', () => {
    expect(issues(personSchema, { fullName: '   ' })).toEqual(['fullName: Họ và tên không được để trống']);
    expect(issues(personSchema, {})).toEqual(['fullName: Họ và tên là bắt buộc']);
    expect(issues(personSchema, { fullName: 'x'.repeat(101) })).toEqual(['fullName: Họ và tên dài quá 100 ký tự']);
    expect(parsePerson({ fullName: 'ẫ'.repeat(100).normalize('NFD') }).fullName).toHaveLength(100); // counted after NFC
  });

  it('normalises ID numbers: spaces removed, passports upper case, blank is none', () => {
    expect(parsePerson({ idNumber: ' 0510 6500 1234 ' }).idNumber).toBe('051065001234');
    expect(parsePerson({ idNumber: '051065001234' }).idNumber).toBe('051065001234');
    expect(parsePerson({ idNumber: '212 345 678' }).idNumber).toBe('212345678'); // old CMND
    expect(parsePerson({ idNumber: 'b 1234567' }).idNumber).toBe('B1234567');
    expect(parsePerson({ idNumber: 'c12345678' }).idNumber).toBe('C12345678');
    expect(parsePerson({ idNumber: 'ab1234' }).idNumber).toBe('AB1234');
    expect(parsePerson({ idNumber: '' }).idNumber).toBeNull();
    expect(parsePerson({ idNumber: '   ' }).idNumber).toBeNull();
    expect(parsePerson({ idNumber: null }).idNumber).toBeNull();
  });

  it('refuses a CCCD or CMND of the wrong length, and anything that is no ID number', () => {
    const message = 'idNumber: Số CCCD gồm 12 chữ số (CMND 9 chữ số); hộ chiếu 6–12 chữ hoặc số';
    for (const bad of ['05106500123', '0510650012', '0510650012345', '12345678', '123456', '12345', 'B12', 'AB-123456', 'Ạ1234567', '0510_6500_1234', 'ABCDEFGHIJKLM']) {
      expect(issues(personSchema, { fullName: 'A', idNumber: bad }), bad).toEqual([message]);
    }
    expect(issues(personSchema, { fullName: 'A', idNumber: 51065001234 })).toHaveLength(1);
  });

  it('keeps birth years between 1900 and 2100, whole numbers only', () => {
    expect(parsePerson({ birthYear: 1900 }).birthYear).toBe(1900);
    expect(parsePerson({ birthYear: 1965 }).birthYear).toBe(1965);
    expect(parsePerson({ birthYear: 2100 }).birthYear).toBe(2100);
    expect(parsePerson({ birthYear: null }).birthYear).toBeNull();
    expect(parsePerson({}).birthYear).toBeNull();
    expect(issues(personSchema, { fullName: 'A', birthYear: 1899 })).toEqual(['birthYear: Năm sinh không trước 1900']);
    expect(issues(personSchema, { fullName: 'A', birthYear: 2101 })).toEqual(['birthYear: Năm sinh không hợp lệ']);
    expect(issues(personSchema, { fullName: 'A', birthYear: 1965.5 })).toEqual(['birthYear: Năm sinh phải là số nguyên']);
    expect(issues(personSchema, { fullName: 'A', birthYear: '1965' })).toEqual(['birthYear: Năm sinh phải là số']);
  });

  it('checks gender, phone, commune code and citizen id, and refuses unknown fields', () => {
    expect(parsePerson({ gender: 'female', phone: '(0255) 382.1234', communeCode: '21100', citizenId: 7 })).toMatchObject({
      gender: 'female',
      phone: '(0255) 382.1234',
      communeCode: '21100',
      citizenId: 7,
    });
    expect(parsePerson({ communeCode: '' }).communeCode).toBeNull();
    expect(issues(personSchema, { fullName: 'A', gender: 'nam' })).toEqual(['gender: Giới tính không hợp lệ']);
    expect(issues(personSchema, { fullName: 'A', phone: 'gọi sau' })).toHaveLength(1);
    expect(issues(personSchema, { fullName: 'A', communeCode: '2110' })).toEqual(['communeCode: Mã xã, phường gồm 5 chữ số']);
    expect(issues(personSchema, { fullName: 'A', citizenId: 0 })).toHaveLength(1);
    expect(issues(personSchema, { fullName: 'A', citizenId: '7' })).toEqual(['citizenId: Mã công dân phải là số']);
    expect(issues(personSchema, { fullName: 'A', nickname: 'B' })).toHaveLength(1);
  });
});

describe('delegations', () => {
  const rep = (i: number) => ({ fullName: `Đại diện ${i}` });
  const delegation = (members: number, reps: number) => ({ members, representatives: Array.from({ length: reps }, (_, i) => rep(i)) });

  it('maxRepresentatives: up to 10 people send 2, more send up to 5', () => {
    expect(DELEGATION_MIN_MEMBERS).toBe(5);
    for (const members of [5, 6, 7, 10]) expect(maxRepresentatives(members)).toBe(2);
    for (const members of [11, 12, 50, 100_000]) expect(maxRepresentatives(members)).toBe(5);
  });

  it('refuses too many representatives for the size, naming both', () => {
    expect(issues(delegationSchema, delegation(7, 3))).toEqual(['representatives: Đoàn 7 người cử tối đa 2 người đại diện']);
    expect(issues(delegationSchema, delegation(10, 3))).toEqual(['representatives: Đoàn 10 người cử tối đa 2 người đại diện']);
    expect(issues(delegationSchema, delegation(11, 6))).toEqual(['representatives: Đoàn cử tối đa 5 người đại diện']);
    expect(delegationSchema.parse(delegation(7, 2)).representatives).toHaveLength(2);
    expect(delegationSchema.parse(delegation(11, 5)).representatives).toHaveLength(5);
  });

  it('needs at least 5 people and 1 representative', () => {
    expect(issues(delegationSchema, delegation(4, 1))).toEqual(['members: Đoàn đông người có từ 5 người trở lên']);
    expect(issues(delegationSchema, delegation(7, 0))).toEqual(['representatives: Đoàn phải cử ít nhất 1 người đại diện']);
    expect(issues(delegationSchema, { ...delegation(7, 1), members: 7.5 })).toHaveLength(1);
  });

  it('accepts exactly the sizes the rule allows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 7 }), (members, reps) => {
        const ok = delegationSchema.safeParse(delegation(members, reps)).success;
        expect(ok).toBe(members >= 5 && reps >= 1 && reps <= maxRepresentatives(members));
      }),
    );
  });

  it('a visit without a delegation stores null, and repeat defaults to false', () => {
    const base = { sessionId: 1, persons: 1, citizen: { fullName: 'A' }, matter: 'complaint', content: 'x', outcome: 'explained' };
    expect(visitSaveSchema.parse(base)).toMatchObject({ delegation: null, repeat: false });
    expect(visitSaveSchema.parse({ ...base, delegation: null }).delegation).toBeNull();
    expect(issues(visitSaveSchema, { ...base, delegation: delegation(7, 3) })).toEqual(['delegation.representatives: Đoàn 7 người cử tối đa 2 người đại diện']);
  });
});

describe('petitionCreateSchema', () => {
  const base = { receivedOn: '2026-03-15', channel: 'post', kind: 'complaint', field: 'land', summary: ' Tranh chấp đất đai '.normalize('NFD') };

  it('fills the defaults and cleans text', () => {
    expect(petitionCreateSchema.parse(base)).toEqual({
      receivedOn: '2026-03-15',
      channel: 'post',
      visitId: null,
      forwardedBy: null,
      writtenOn: null,
      kind: 'complaint',
      field: 'land',
      signatories: 1,
      petitioners: [],
      subject: null,
      summary: 'Tranh chấp đất đai',
    });
    expect(petitionCreateSchema.parse({ ...base, writtenOn: '' }).writtenOn).toBeNull();
  });

  it('holds the rules between fields', () => {
    expect(issues(petitionCreateSchema, { ...base, channel: 'forwarded' })).toEqual(['forwardedBy: Đơn do cơ quan khác chuyển đến phải ghi cơ quan chuyển']);
    expect(issues(petitionCreateSchema, { ...base, forwardedBy: { agency: 'UBND xã' } })).toEqual([
      'forwardedBy: Chỉ ghi cơ quan chuyển khi nguồn đơn là “Cơ quan khác chuyển đến”',
    ]);
    expect(issues(petitionCreateSchema, { ...base, writtenOn: '2026-03-16' })).toEqual(['writtenOn: Ngày viết đơn không được sau ngày nhận đơn']);
    expect(issues(petitionCreateSchema, { ...base, channel: 'forwarded', forwardedBy: { agency: 'UBND xã', letterDate: '2026-04-01' } })).toEqual([
      'forwardedBy.letterDate: Ngày văn bản chuyển không được sau ngày nhận đơn',
    ]);
    expect(issues(petitionCreateSchema, { ...base, petitioners: [{ fullName: 'A' }, { fullName: 'B' }] })).toEqual([
      'signatories: Số người đứng tên không được ít hơn số người đứng đơn đã ghi (2)',
    ]);
    expect(issues(petitionCreateSchema, { ...base, receivedOn: '2026-02-29' })).toEqual(['receivedOn: Ngày nhận đơn không phải ngày hợp lệ (ngày/tháng/năm, dd/mm/yyyy)']);
    expect(petitionCreateSchema.parse({ ...base, writtenOn: '2026-03-15', signatories: 3, petitioners: [{ fullName: 'A' }] }).signatories).toBe(3);
  });

  it('the list input has its defaults', () => {
    expect(petitionListSchema.parse(undefined)).toMatchObject({ sort: 'registerNo', direction: 'desc', offset: 0, limit: 200 });
    expect(petitionListSchema.parse({ search: 'dat dai' })).toMatchObject({ search: 'dat dai', sort: 'registerNo', direction: 'desc', offset: 0, limit: 200 });
  });
});

describe('register numbers', () => {
  it('format as YEAR/ and six digits at least', () => {
    expect(formatRegisterNo(2026, 1)).toBe('2026/000001');
    expect(formatRegisterNo(2026, 123)).toBe('2026/000123');
    expect(formatRegisterNo(2025, 999_999)).toBe('2025/999999');
    expect(formatRegisterNo(2025, 1_000_000)).toBe('2025/1000000');
  });

  it('parse back, and refuse what is not one', () => {
    expect(parseRegisterNo('2026/000123')).toEqual({ year: 2026, seq: 123 });
    expect(parseRegisterNo(' 2026/000123 ')).toEqual({ year: 2026, seq: 123 });
    expect(parseRegisterNo('2026/7')).toEqual({ year: 2026, seq: 7 });
    for (const bad of ['2026/000000', '2026/0', '2026-000123', '26/000123', '2026/', '/000123', '2026/12a', 'abc', '', '2026/-1', '2026/1234567890']) {
      expect(parseRegisterNo(bad), bad).toBeNull();
    }
  });

  it('round-trip for every year and sequence (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 999_999_999 }), (year, seq) => {
        const text = formatRegisterNo(year, seq);
        expect(text).toMatch(/^\d{4}\/\d{6,9}$/);
        expect(parseRegisterNo(text)).toEqual({ year, seq });
      }),
    );
    // Within a year, text order is number order up to 999,999.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        expect(Math.sign(formatRegisterNo(2026, a).localeCompare(formatRegisterNo(2026, b)))).toBe(Math.sign(a - b));
      }),
    );
  });
});

describe('dates', () => {
  it('accepts real ISO dates only', () => {
    for (const ok of ['2026-03-15', '2024-02-29', '1900-01-01', '2100-12-31']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2025-02-29', '2026-13-01', '2026-04-31', '2026-3-15', '15/03/2026', '1899-12-31', '2101-01-01', '2026-03-15T00:00']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(optionalIsoDate('Ngày').parse('')).toBeNull();
    expect(optionalIsoDate('Ngày').parse(undefined)).toBeNull();
    expect(yearOf('2026-03-15')).toBe(2026);
  });

  it('the date in Vietnam is UTC+7', () => {
    expect(vietnamDate(new Date('2026-03-15T08:30:00Z'))).toBe('2026-03-15');
    expect(vietnamDate(new Date('2026-03-15T16:59:59.999Z'))).toBe('2026-03-15');
    expect(vietnamDate(new Date('2026-03-15T17:00:00Z'))).toBe('2026-03-16');
    expect(vietnamDate(new Date('2026-03-15T18:00:00Z'))).toBe('2026-03-16');
    expect(vietnamDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vietnamDate(new Date('2026-03-14T23:00:00Z'))).toBe('2026-03-15');
  });
});

describe('fold (property)', () => {
  /** Letters of Vietnamese, precomposed and decomposed, with the marks alone, spaces and apostrophes. */
  const VIETNAMESE = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'];
  const pieces = [...VIETNAMESE, ...VIETNAMESE.map((c) => c.normalize('NFD')), ...VIETNAMESE.map((c) => c.toUpperCase()), '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0306', '\u0302', '\u031b', ' ', '  ', '\t', '\n', '\u00a0', "'", '’', 'ʼ', '`', '0', '9', '/', '-'];
  const vietnamese = fc.string({ unit: fc.constantFrom(...pieces), maxLength: 40 });
  const anything = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), vietnamese);

  it('is idempotent: fold(fold(s)) === fold(s)', () => {
    fc.assert(fc.property(anything, (s) => fold(fold(s)) === fold(s)), { numRuns: 2000 });
  });

  it('leaves no combining diacritical mark and no đ/Đ', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const folded = fold(s);
        return !/[\u0300-\u036f]/.test(folded) && !/[đĐ]/.test(folded);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns Vietnamese text into lower-case ASCII letters, single spaces and no marks of any kind', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        const folded = fold(s);
        expect(folded).toMatch(/^[a-z0-9/'-]*( [a-z0-9/'-]+)*$/);
        expect(folded).not.toMatch(/\p{M}/u);
        expect(fold(s.normalize('NFD'))).toBe(folded);
        expect(fold(s.normalize('NFC'))).toBe(folded);
      }),
      { numRuns: 2000 },
    );
  });
});
