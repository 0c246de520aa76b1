import { describe, expect, it } from 'vitest';
import { cleanOptional, cleanText, fold } from '../../shared/text.ts';

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
