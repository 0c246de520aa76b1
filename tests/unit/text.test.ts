import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanOptional, cleanText, fold, foldReference } from '../../shared/text.ts';
import { findBadText } from '../../shared/validation.ts';

describe('fold', () => {
  it('removes tone and vowel marks and turns đ into d', () => {
    expect(fold('Đất đai')).toBe('dat dai');
    expect(fold('Nguyễn Văn Đức')).toBe('nguyen van duc');
  });

  it('strips letters that carry two marks (vowel mark + tone)', () => {
    expect(fold('ặ ế ỗ ự ẫ')).toBe('a e o u a');
    expect(fold('Ặ Ế Ỗ Ự Ẫ')).toBe('a e o u a');
    expect(fold('ư ơ ă â ê ô')).toBe('u o a a e o');
  });

  it('folds upper-case Đ', () => {
    expect(fold('ĐỒNG')).toBe('dong');
    expect(fold('Đ')).toBe('d');
    expect(fold('đ')).toBe('d');
  });

  it('folds NFD input exactly as NFC input', () => {
    for (const text of ['Nguyễn Văn Đức', 'Sở Nông nghiệp và Môi trường', 'Quảng Ngãi', 'ặ ế ỗ ự ẫ', 'Tòa án nhân dân']) {
      const nfd = text.normalize('NFD');
      expect(nfd).not.toBe(text.normalize('NFC'));
      expect(fold(nfd)).toBe(fold(text.normalize('NFC')));
    }
    expect(fold('Quảng Ngãi'.normalize('NFD'))).toBe('quang ngai');
  });

  it('treats typographic and straight apostrophes alike', () => {
    expect(fold('Ea H’Leo')).toBe(fold("Ea H'Leo"));
    expect(fold('Ea H’Leo')).toBe("ea h'leo");
    expect(fold('B‘Lao')).toBe("b'lao");
    expect(fold('Kʼ Nia')).toBe("k' nia");
  });

  it('collapses and trims whitespace', () => {
    expect(fold('  Đất \t\n  đai  ')).toBe('dat dai');
    expect(fold('a\u00a0\u00a0b')).toBe('a b');
    expect(fold('   ')).toBe('');
  });

  it('lower-cases plain ASCII and keeps digits and punctuation', () => {
    expect(fold('SO-NN 2025/QĐ')).toBe('so-nn 2025/qd');
  });

  // fold goes a character at a time through a table where it can; the rule (foldReference) is the
  // answer for every text, however it is written or mixed.
  const VIETNAMESE = 'Nguyễn Văn Đức Trần Thị Hồng Phạm Quốc Khánh Lê Ánh Tuyết Đặng Bảo Ngọc Huỳnh Thuỷ Ỷ Ữ ặ ế ỗ ự ẫ Ơ Ư ă â ê ô đ Đ';
  const TRICKY = [
    ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085',
    '\u0301', '\u0303', '\u0323', '\u0309', '\u0483', '\u05b0', '\u064b', '\u1dc0', '\u20d0', // marks: Vietnamese tones, then others normalization may reorder
    '’', '‘', 'ʼ', '`', "'", 'İ', 'ǅ', 'ǆ', 'ŉ', 'ẞ', 'ß', 'Σ', 'σ', 'ς', 'ΐ', 'Ω', 'Å', 'Ǻ', 'ﬁ', 'Ⅻ', '\u00ad', '\u0000', '\u200b', '–', '—', '№',
    'Ж', '中', '한', '😀', '\ud800', '\udc00', '0', '9', '/', '-', '.', ',',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...[...VIETNAMESE]),
    fc.constantFrom(...[...VIETNAMESE.normalize('NFD')]),
    fc.constantFrom(...TRICKY),
    fc.string({ maxLength: 3, unit: 'binary' }),
  );

  it('answers as the rule for any text: Vietnamese (NFC or NFD), spaces of every kind, other marks and scripts', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join('');
        expect(fold(text)).toBe(foldReference(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ['ΟΔΟΣ', 'Σ', 'ΑΣ Β', 'x\u0301\u0483y', 'a \u0301 b', '\u0301 a', 'a\u1dc0\u0301', 'ǄUNG', 'Ea H’Leo', 'a'.repeat(70) + 'Đ', '']) {
      expect(fold(text)).toBe(foldReference(text));
    }
  });
});

describe('cleanText', () => {
  it('normalises decomposed input to NFC', () => {
    const nfd = 'Nguyễn Văn Đức'.normalize('NFD');
    const cleaned = cleanText(nfd);
    expect(cleaned).toBe('Nguyễn Văn Đức'.normalize('NFC'));
    expect(cleaned.length).toBeLessThan(nfd.length);
    expect(cleaned.normalize('NFC')).toBe(cleaned);
  });

  it('trims surrounding whitespace but keeps inner spacing', () => {
    expect(cleanText('  \t Sở  Tư pháp \n')).toBe('Sở  Tư pháp');
    expect(cleanText('   ')).toBe('');
  });

  it('cleanOptional turns blanks into null', () => {
    expect(cleanOptional(undefined)).toBeNull();
    expect(cleanOptional(null)).toBeNull();
    expect(cleanOptional('  ')).toBeNull();
    expect(cleanOptional(' Trưởng phòng '.normalize('NFD'))).toBe('Trưởng phòng');
  });
});

describe('findBadText', () => {
  it('names every field with a control character or a lone surrogate by its path, keys included, up to the limit', () => {
    const input = {
      ok: 'Nguyễn Văn Đức',
      petitioners: [{ fullName: 'Trần\u0007Thị' }, { fullName: 'Lê', address: ['Thôn 1', 'x\ud800y'] }],
      ['bad\u0001key']: 1,
      pair: 'emoji 😀 is fine',
    };
    expect(findBadText(input)).toEqual([
      { path: 'petitioners.0.fullName', message: expect.stringContaining('ký tự điều khiển') },
      { path: 'petitioners.1.address.1', message: expect.stringContaining('Unicode không hợp lệ') },
      { path: 'bad\u0001key', message: expect.stringMatching(/^Tên trường .*ký tự điều khiển/) },
    ]);
    expect(findBadText('a\u0000b')).toEqual([{ path: '', message: expect.stringMatching(/^Nội dung /) }]);
    expect(findBadText({ a: ['\u0001', '\u0002', '\u0003'] }, ['root'], [], 2).map((i) => i.path)).toEqual(['root.a.0', 'root.a.1']);
    expect(findBadText({ text: 'ặ ế ỗ ự 😀', n: 3, list: [null, true] })).toEqual([]);
  });
});
