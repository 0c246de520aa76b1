// The Board's documents as pure HTML: Decree 30 layout pieces, every kind, escaping, the request rules.
import { describe, expect, it } from 'vitest';
import {
  buildDocument,
  committeeName,
  documentFileName,
  documentRequestSchema,
  DOCUMENT_TYPES,
  escapeHtml,
  issuerLine,
  PRINT_KINDS,
  RECEPTION_REGISTER_COLUMNS,
  withFallbackFont,
  type DocumentData,
  type Letterhead,
  type PetitionFacts,
  type PrintKind,
} from '../../shared/documents/index.ts';
import { numberLine, placeDateLine } from '../../shared/documents/html.ts';
import { petitionersPhrase } from '../../shared/documents/words.ts';
import type { Person } from '../../shared/domain/person.ts';

const LETTERHEAD: Letterhead = {
  parentBody: 'UBND TỈNH QUẢNG NGÃI',
  boardName: 'Ban Tiếp công dân tỉnh Quảng Ngãi',
  placeName: 'Quảng Ngãi',
  signerName: 'Phạm Văn Ký',
  signerTitle: 'TRƯỞNG BAN',
};

const TUYET: Person = {
  citizenId: 1,
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '051180001234',
  birthYear: 1980,
  gender: 'female',
  phone: null,
  address: 'Thôn An Phú, xã Tịnh Khê',
  communeCode: null,
};

const HOSTILE = `<script>alert("x")</script> & 'quoted' <b>bold</b>`;

const PETITION: PetitionFacts = {
  registerNo: '2026/000001',
  receivedOn: '2026-03-02',
  writtenOn: '2026-02-27',
  kind: 'complaint',
  signatories: 1,
  petitioners: [TUYET],
  subject: 'UBND xã Tịnh Khê',
  summary: `Khiếu nại quyết định thu hồi đất ${HOSTILE}`,
  forwardedBy: null,
};

function dataFor(kind: PrintKind): DocumentData {
  const base = { letterhead: LETTERHEAD, issuedOn: '2026-03-05', petition: PETITION };
  switch (kind) {
    case 'forward':
      return { kind, ...base, number: '05/PC-BTCD', prefix: 'PC-BTCD', agency: 'Sở Nông nghiệp và Môi trường', replyDueOn: '2026-04-24' };
    case 'guide':
      return { kind, ...base, number: '02/HD-BTCD', prefix: 'HD-BTCD', agency: 'UBND xã Tịnh Khê' };
    case 'accept':
      return { kind, ...base, number: '03/ĐX-BTCD', prefix: 'ĐX-BTCD' };
    case 'return':
      return { kind, ...base, number: '04/TL-BTCD', prefix: 'TL-BTCD', reason: 'Đơn nặc danh, mạo danh' };
    case 'reminder':
      return {
        kind,
        ...base,
        issuedOn: '2026-05-04',
        number: '01/ĐĐ-BTCD',
        prefix: 'ĐĐ-BTCD',
        agency: 'Sở Nông nghiệp và Môi trường',
        forward: { number: '05/PC-BTCD', decidedOn: '2026-03-05' },
        replyDueOn: '2026-04-24',
        ordinal: 2,
      };
    case 'receipt':
      return { kind, letterhead: LETTERHEAD, prefix: 'BN-BTCD', issuedOn: '2026-03-02', petition: PETITION, place: null, receiver: 'Lê Thị Hoa', attachments: ['Quyết định 123.pdf'] };
    case 'refusal':
      return {
        kind,
        letterhead: LETTERHEAD,
        prefix: 'TB-BTCD',
        issuedOn: '2026-03-05',
        visit: { date: '2026-03-05', place: 'Trụ sở Tiếp công dân tỉnh', citizen: TUYET, delegationMembers: null, matter: 'complaint', content: HOSTILE },
        reason: 'Người đến trong tình trạng say rượu',
      };
    case 'register':
      return {
        kind,
        letterhead: LETTERHEAD,
        from: '2026-03-01',
        to: '2026-03-31',
        rows: [
          {
            no: 1,
            date: '2026-03-02',
            nameAndAddress: 'Nguyễn Thị Ánh Tuyết, Thôn An Phú, xã Tịnh Khê',
            idNumber: '051180001234',
            content: HOSTILE,
            classification: 'Khiếu nại',
            persons: 1,
            handledBefore: null,
            accepted: true,
            guided: null,
            forwarded: '05/PC-BTCD',
            followUp: null,
            visitId: 7,
          },
        ],
      };
  }
}

describe('escapeHtml', () => {
  it('escapes the five HTML characters and normalises to NFC', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('Nguyễn'.normalize('NFD'))).toBe('Nguyễn'.normalize('NFC'));
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('letterhead pieces', () => {
  it('drops the province the parent line already names from the issuer line', () => {
    expect(issuerLine('Ban Tiếp công dân tỉnh Quảng Ngãi', 'UBND TỈNH QUẢNG NGÃI')).toBe('BAN TIẾP CÔNG DÂN');
    expect(issuerLine('Ban Tiếp công dân tỉnh Quảng Ngãi', 'VĂN PHÒNG UBND TỈNH QUẢNG NGÃI')).toBe('BAN TIẾP CÔNG DÂN');
    expect(issuerLine('Ban Tiếp công dân thành phố Hồ Chí Minh', 'UBND THÀNH PHỐ HỒ CHÍ MINH')).toBe('BAN TIẾP CÔNG DÂN');
    expect(issuerLine('Ban Tiếp công dân tỉnh Kon Tum', 'UBND TỈNH QUẢNG NGÃI')).toBe('BAN TIẾP CÔNG DÂN TỈNH KON TUM');
  });

  it('names the People’s Committee in running text', () => {
    expect(committeeName('UBND TỈNH QUẢNG NGÃI')).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(committeeName('UBND TỈNH BÀ RỊA - VŨNG TÀU')).toBe('Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu');
    expect(committeeName('UBND THÀNH PHỐ HỒ CHÍ MINH')).toBe('Ủy ban nhân dân thành phố Hồ Chí Minh');
    expect(committeeName('Sở Tư pháp')).toBe('Sở Tư pháp');
  });

  it('writes the number and the place and date as Decree 30 does', () => {
    expect(numberLine('05/PC-BTCD', 'PC-BTCD')).toBe('Số: 05/PC-BTCD');
    expect(numberLine(null, 'BN-BTCD')).toMatch(/^Số:(&nbsp;){12}\/BN-BTCD$/);
    expect(placeDateLine('Quảng Ngãi', '2026-03-05')).toBe('Quảng Ngãi, ngày 05 tháng 3 năm 2026');
    expect(placeDateLine('Quảng Ngãi', '2026-02-09')).toBe('Quảng Ngãi, ngày 09 tháng 02 năm 2026');
    expect(placeDateLine('Quảng Ngãi', '2026-12-25')).toBe('Quảng Ngãi, ngày 25 tháng 12 năm 2026');
  });

  it('names petitioners as a sentence does', () => {
    expect(petitionersPhrase({ petitioners: [TUYET], signatories: 1 })).toBe('bà Nguyễn Thị Ánh Tuyết');
    const duc: Person = { ...TUYET, fullName: 'Nguyễn Văn Đức', gender: 'male' };
    expect(petitionersPhrase({ petitioners: [TUYET, duc], signatories: 2 })).toBe('bà Nguyễn Thị Ánh Tuyết và ông Nguyễn Văn Đức');
    expect(petitionersPhrase({ petitioners: [TUYET], signatories: 12 })).toBe('bà Nguyễn Thị Ánh Tuyết và 11 người khác');
    expect(petitionersPhrase({ petitioners: [{ ...TUYET, gender: null }], signatories: 1 })).toBe('ông (bà) Nguyễn Thị Ánh Tuyết');
    expect(petitionersPhrase({ petitioners: [], signatories: 1 })).toBe('người gửi đơn không ghi họ tên');
  });
});

describe('the forwarding slip', () => {
  const { title, html } = buildDocument(dataFor('forward'));

  it('is a complete A4 page in the Decree 30 layout', () => {
    expect(title).toBe('Phiếu chuyển đơn');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm;');
    expect(html).toContain('"Times New Roman", "Liberation Serif", "DejaVu Serif", serif');
    expect(html).toContain('UBND TỈNH QUẢNG NGÃI');
    expect(html).toContain('<span>BAN TIẾP CÔNG DÂN</span>');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html).toContain('Số: 05/PC-BTCD');
    expect(html).toContain('<td class="date">Quảng Ngãi, ngày 05 tháng 3 năm 2026</td>');
    expect(html).toContain('<h1 class="title">PHIẾU CHUYỂN ĐƠN</h1>');
    expect(html).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(html).toContain('<div class="recipients-head">Nơi nhận:</div>');
    expect(html).toContain('- Như trên;<br>- Bà Nguyễn Thị Ánh Tuyết (để biết);<br>- Lưu: VT, hồ sơ.');
    expect(html).toContain('<div class="sign-title">TRƯỞNG BAN</div>');
    expect(html).toContain('<div class="sign-name">Phạm Văn Ký</div>');
  });

  it('says who, what, to whom and by when', () => {
    expect(html).toContain('Ngày 02 tháng 3 năm 2026, Ban Tiếp công dân tỉnh Quảng Ngãi nhận được đơn khiếu nại đề ngày 27/02/2026 của bà Nguyễn Thị Ánh Tuyết');
    expect(html).toContain('(đơn vào sổ số 2026/000001)');
    expect(html).toContain('chuyển đơn của bà Nguyễn Thị Ánh Tuyết đến Sở Nông nghiệp và Môi trường để xem xét, giải quyết theo thẩm quyền');
    expect(html).toContain('trước ngày 24 tháng 4 năm 2026./.');
  });

  it('escapes user text: no markup from a petition reaches the page', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;b&gt;bold&lt;/b&gt;');
  });

  it('blocks scripts and requests with its own Content-Security-Policy', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('escapes the letterhead too', () => {
    const hostile = buildDocument({ ...dataFor('forward'), letterhead: { ...LETTERHEAD, boardName: 'Ban <i>X</i>', signerName: '<img src=x>' } } as DocumentData).html;
    expect(hostile).not.toContain('<i>X</i>');
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('<span>BAN &lt;I&gt;X&lt;/I&gt;</span>');
    expect(hostile).toContain('<div class="sign-name">&lt;img src=x&gt;</div>');
  });
});

describe('every kind', () => {
  it.each(PRINT_KINDS)('%s builds a page with the national title and its own title', (kind) => {
    const { title, html } = buildDocument(dataFor(kind));
    expect(title).toBe(DOCUMENT_TYPES[kind].title);
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html).not.toContain('<script>');
    expect(html).toContain(DOCUMENT_TYPES[kind].landscape ? 'size: A4 landscape' : 'size: A4;');
  });

  it('each petition document cites the register number and the right heading', () => {
    const heads: Partial<Record<PrintKind, string>> = {
      guide: 'PHIẾU HƯỚNG DẪN',
      accept: 'PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN',
      return: 'PHIẾU TRẢ LẠI ĐƠN',
      receipt: 'GIẤY BIÊN NHẬN',
      refusal: 'THÔNG BÁO',
    };
    for (const [kind, head] of Object.entries(heads)) expect(buildDocument(dataFor(kind as PrintKind)).html).toContain(`<h1 class="title">${head}</h1>`);
    expect(buildDocument(dataFor('accept')).html).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(buildDocument(dataFor('guide')).html).toContain('Kính gửi: Bà Nguyễn Thị Ánh Tuyết');
    expect(buildDocument(dataFor('guide')).html).toContain('thuộc thẩm quyền giải quyết của UBND xã Tịnh Khê');
    expect(buildDocument(dataFor('return')).html).toContain('lý do: Đơn nặc danh, mạo danh.');
  });

  it('the reminder is a letter with a V/v line citing the forwarding slip and the overdue reply', () => {
    const html = buildDocument(dataFor('reminder')).html;
    expect(html).not.toContain('<h1');
    expect(html).toContain('Số: 01/ĐĐ-BTCD<div class="vv">V/v đôn đốc giải quyết đơn của bà Nguyễn Thị Ánh Tuyết</div>');
    expect(html).toContain('Quảng Ngãi, ngày 04 tháng 5 năm 2026');
    expect(html).toContain('Ngày 05 tháng 3 năm 2026, Ban Tiếp công dân tỉnh Quảng Ngãi có Phiếu chuyển đơn số 05/PC-BTCD');
    expect(html).toContain('trước ngày 24 tháng 4 năm 2026. Đến nay đã quá thời hạn');
    expect(html).toContain('Đây là lần đôn đốc thứ 2./.');
  });

  it('a reminder sent before the reply deadline does not say the deadline has passed', () => {
    for (const issuedOn of ['2026-04-10', '2026-04-24']) {
      const html = buildDocument({ ...dataFor('reminder'), issuedOn } as DocumentData).html;
      expect(html, issuedOn).not.toContain('quá thời hạn');
      expect(html, issuedOn).toContain('Thời hạn báo cáo kết quả giải quyết là ngày 24 tháng 4 năm 2026; đến nay');
    }
  });

  it('the receipt (02/TCD) is unnumbered, lists the documents and has two signatures', () => {
    const html = buildDocument(dataFor('receipt')).html;
    expect(html).toMatch(/Số:(&nbsp;){12}\/BN-BTCD/);
    expect(html).toContain('Thông tin, tài liệu, bằng chứng');
    expect(html).toContain('<li>Đơn khiếu nại đề ngày 27/02/2026 của bà Nguyễn Thị Ánh Tuyết (đơn vào sổ số 2026/000001)');
    expect(html).toContain('<li>Tài liệu kèm theo: Quyết định 123.pdf.</li>');
    expect(html).toContain('NGƯỜI GIAO');
    expect(html).toContain('NGƯỜI NHẬN');
    expect(html).toContain('<div class="sign-name">Lê Thị Hoa</div>');
  });

  it('the refusal (01/TCD) gives the reason, or dotted lines to fill in', () => {
    const html = buildDocument(dataFor('refusal')).html;
    expect(html).toContain('Về việc từ chối tiếp công dân');
    expect(html).toContain('Căn cứ quy định tại Điều 9 Luật Tiếp công dân');
    expect(html).toContain('lý do: Người đến trong tình trạng say rượu.');
    expect(html).toContain('&lt;script&gt;');
    const blank = buildDocument({ ...dataFor('refusal'), reason: null } as DocumentData).html;
    expect(blank.match(/class="dots"/g)).toHaveLength(3);
  });

  it('the register (03/TCD) is landscape with the 12 numbered columns', () => {
    const html = buildDocument(dataFor('register')).html;
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<h1 class="title">SỔ TIẾP CÔNG DÂN</h1>');
    expect(html).toContain('(Từ ngày 01/03/2026 đến ngày 31/03/2026)');
    for (let i = 1; i <= 12; i++) expect(html).toContain(`<th>(${i})</th>`);
    for (const column of RECEPTION_REGISTER_COLUMNS) expect(html).toContain(escapeHtml(column));
    expect(html).toContain('<th colspan="3">Hướng xử lý</th>');
    expect(html).toContain('<td class="c">x</td>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Tổng cộng: 1 lượt tiếp, 1 người.');
    expect(buildDocument({ ...dataFor('register'), rows: [] } as DocumentData).html).toContain('Không có lượt tiếp nào trong thời gian này.');
  });
});

describe('documentRequestSchema', () => {
  const ok = (input: unknown) => documentRequestSchema.safeParse(input).success;
  it('asks each kind for its own record', () => {
    expect(ok({ kind: 'forward', petitionId: 1 })).toBe(true);
    expect(ok({ kind: 'reminder', petitionId: 1, reminderId: 2 })).toBe(true);
    expect(ok({ kind: 'refusal', visitId: 3, reason: 'Say rượu' })).toBe(true);
    expect(ok({ kind: 'register', from: '2026-03-01', to: '2026-03-31' })).toBe(true);
    expect(ok({ kind: 'forward' })).toBe(false);
    expect(ok({ kind: 'forward', petitionId: 1, visitId: 2 })).toBe(false);
    expect(ok({ kind: 'forward', petitionId: 1, reminderId: 2 })).toBe(false);
    expect(ok({ kind: 'refusal', petitionId: 1 })).toBe(false);
    expect(ok({ kind: 'receipt', petitionId: 1, reason: 'x' })).toBe(false);
    expect(ok({ kind: 'register', from: '2026-03-31', to: '2026-03-01' })).toBe(false);
    expect(ok({ kind: 'register', from: '2026-02-30', to: '2026-03-01' })).toBe(false);
    expect(ok({ kind: 'register', petitionId: 1, from: '2026-03-01', to: '2026-03-31' })).toBe(false);
    expect(ok({ kind: 'memo', petitionId: 1 })).toBe(false);
    expect(ok({ kind: 'forward', petitionId: 1, extra: true })).toBe(false);
  });
});

describe('file names and the fallback face', () => {
  it('offers ASCII file names', () => {
    expect(documentFileName('forward', '2026/000001', 'pdf')).toBe('phieu-chuyen-don_2026-000001.pdf');
    expect(documentFileName('register', '2026-03-01_2026-03-31', 'html')).toBe('so-tiep-cong-dan_2026-03-01-2026-03-31.html');
  });

  it('switches the page to DejaVu Serif when asked', () => {
    const html = withFallbackFont(buildDocument(dataFor('forward')).html);
    expect(html).toMatch(/<style>body \{ font-family: "DejaVu Serif", serif; font-stretch: condensed; font-size: 13pt; \}.*<\/style>\n<\/head>/);
  });
});
