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
      return { kind, ...base, number: '03/TTr-BTCD', prefix: 'TTr-BTCD' };
    case 'return':
      return { kind, ...base, number: '04/BTCD', prefix: 'BTCD', reason: 'Đơn nặc danh, mạo danh' };
    case 'reminder':
      return {
        kind,
        ...base,
        issuedOn: '2026-05-04',
        number: '01/BTCD',
        prefix: 'BTCD',
        agency: 'Sở Nông nghiệp và Môi trường',
        forward: { number: '05/PC-BTCD', decidedOn: '2026-03-05' },
        replyDueOn: '2026-04-24',
        ordinal: 2,
      };
    case 'receipt':
      return {
        kind,
        letterhead: LETTERHEAD,
        issuedOn: '2026-03-02',
        time: '09:30',
        place: null,
        receiver: 'Lê Thị Hoa',
        receiverTitle: 'Chuyên viên',
        giver: { ...TUYET, idIssuedOn: '2021-05-12', idIssuedPlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
        items: [
          { name: 'Đơn khiếu nại đề ngày 27/02/2026', pages: 2, state: 'original' },
          { name: 'Quyết định số 123/QĐ-UBND', pages: 3, state: 'certified_copy' },
        ],
        copies: 2,
      };
    case 'refusal':
      return {
        kind,
        letterhead: LETTERHEAD,
        prefix: 'TB-BTCD',
        issuedOn: '2026-03-05',
        visit: { date: '2026-03-05', place: 'Trụ sở Tiếp công dân tỉnh', citizen: TUYET, delegationMembers: null, matter: 'complaint', content: HOSTILE },
        ground: 'law-9-3',
        reason: 'Vụ việc đã được Chủ tịch UBND tỉnh giải quyết lần hai bằng Quyết định số 45/QĐ-UBND',
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
            note: null,
            visitId: 7,
          },
        ],
      };
    case 'urge':
      return { kind, ...base, number: '01/ĐĐGQ-BTCD', prefix: 'ĐĐGQ-BTCD', agency: 'Sở Nông nghiệp và Môi trường' };
    case 'notice':
      return {
        kind,
        ...base,
        number: '01/TB-BTCD',
        prefix: 'TB-BTCD',
        noticeKind: 'result',
        decision: { action: 'forward', decidedOn: '2026-03-05', documentNo: '05/PC-BTCD', agency: 'Sở Nông nghiệp và Môi trường' },
        reply: { receivedOn: '2026-04-20', documentNo: '12/BC-SNNMT', outcome: 'Đã giải quyết', summary: HOSTILE },
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
      receipt: 'GIẤY BIÊN NHẬN',
      refusal: 'THÔNG BÁO',
    };
    for (const [kind, head] of Object.entries(heads)) expect(buildDocument(dataFor(kind as PrintKind)).html).toContain(`<h1 class="title">${head}</h1>`);
    expect(buildDocument(dataFor('accept')).html).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(buildDocument(dataFor('guide')).html).toContain('Kính gửi: Bà Nguyễn Thị Ánh Tuyết');
    expect(buildDocument(dataFor('guide')).html).toContain('thuộc thẩm quyền giải quyết của UBND xã Tịnh Khê');
    expect(buildDocument(dataFor('return')).html).toContain('lý do: Đơn nặc danh, mạo danh.');
    expect(buildDocument(dataFor('return')).html).toContain('Số: 04/BTCD<div class="vv">V/v trả lại đơn</div>');
    expect(buildDocument(dataFor('return')).html).toContain('gửi trả lại đơn và các tài liệu kèm theo (nếu có) cho bà Nguyễn Thị Ánh Tuyết./.');
  });

  it('the reminder is a letter with a V/v line citing the forwarding slip and the overdue reply', () => {
    const html = buildDocument(dataFor('reminder')).html;
    expect(html).not.toContain('<h1');
    expect(html).toContain('Số: 01/BTCD<div class="vv">V/v đôn đốc giải quyết đơn của bà Nguyễn Thị Ánh Tuyết</div>');
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

  it('the receipt (02/TCD) has no number, the time, the receiver and title, the items and the form’s signature labels', () => {
    const html = buildDocument(dataFor('receipt')).html;
    expect(html).not.toContain('Số:');
    expect(html).toContain('<h1 class="title">GIẤY BIÊN NHẬN</h1>');
    expect(html).toContain('<div class="subtitle">Thông tin, tài liệu</div>');
    expect(html).toContain('Vào hồi 09 giờ 30 phút, ngày 02 tháng 3 năm 2026, tại: Trụ sở Ban Tiếp công dân tỉnh Quảng Ngãi.');
    expect(html).toContain('Tôi là: <b>Lê Thị Hoa</b>');
    expect(html).toContain('Chức vụ: Chuyên viên');
    expect(html).toContain('Đã nhận của: <b>Bà Nguyễn Thị Ánh Tuyết</b>');
    expect(html).toContain('051180001234, ngày cấp: 12/05/2021, nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội');
    expect(html).toContain('<td>Quyết định số 123/QĐ-UBND</td><td class="c">03</td><td>Bản sao có chứng thực</td>');
    expect(html).toContain('<td class="c">02</td><td>Bản chính</td>');
    expect(html).toContain('được lập thành 02 bản, giao cho người cung cấp thông tin, tài liệu 01 bản./.');
    expect(html).toContain('<div class="sign-title">NGƯỜI CUNG CẤP</div><div class="sign-title">THÔNG TIN, TÀI LIỆU</div><div class="sign-note">(Ký, ghi rõ họ tên)</div>');
    expect(html).toContain('<div class="sign-title">NGƯỜI NHẬN</div><div class="sign-note">(Ký, ghi rõ họ tên, đóng dấu nếu có)</div>');
    const blank = buildDocument({ ...dataFor('receipt'), time: null, receiverTitle: null, giver: { ...TUYET, idNumber: null } } as DocumentData).html;
    const fill = (mm: number) => `<span class="fill" style="width: ${mm}mm"></span>`;
    expect(blank).toContain(`Vào hồi ${fill(18)} giờ ${fill(18)} phút`);
    expect(blank).toContain(`Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân): ${fill(45)}, ngày cấp: ${fill(18)}, nơi cấp: ${fill(45)}`);
    expect(blank).toContain(`Chức vụ: ${fill(45)}`);
  });

  it('the refusal (01/TCD) cites the legal ground as the form words it, with the ID line and recipients', () => {
    const html = buildDocument(dataFor('refusal')).html;
    expect(html).toMatch(/Số:(&nbsp;){12}\/TB-BTCD/);
    expect(html).toContain('Về việc từ chối tiếp công dân');
    expect(html).toContain('Kính gửi: Bà Nguyễn Thị Ánh Tuyết');
    expect(html).toContain('Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân): 051180001234, ngày cấp:');
    expect(html).toContain(
      'Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ban Tiếp công dân tỉnh Quảng Ngãi từ chối tiếp nhận nội dung khiếu nại của bà Nguyễn Thị Ánh Tuyết và thông báo để bà Nguyễn Thị Ánh Tuyết được biết.',
    );
    expect(html).toContain('- Như trên;<br>- Ủy ban nhân dân tỉnh Quảng Ngãi (để biết);<br>- Lưu: VT, hồ sơ.');
    expect(html).toContain('<div class="sign-title">TRƯỞNG BAN</div>');
    expect(html).toContain('&lt;script&gt;');
    const h = buildDocument({ ...dataFor('refusal'), ground: 'decree-154-4-1-h', reason: null } as DocumentData).html;
    expect(h).toContain(
      'Căn cứ điểm h khoản 1 Điều 4 Nghị định số 154/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tiếp công dân',
    );
  });

  it('the register (03/TCD) is landscape with the 13 numbered columns of Decree 154', () => {
    const html = buildDocument(dataFor('register')).html;
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<h1 class="title">SỔ TIẾP CÔNG DÂN</h1>');
    expect(html).toContain('(Từ ngày 01/03/2026 đến ngày 31/03/2026)');
    for (let i = 1; i <= 13; i++) expect(html).toContain(`<th>(${i})</th>`);
    expect(html).not.toContain('<th>(14)</th>');
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

describe('the forwarding slip for a denunciation (Circular 05/2021, form 03)', () => {
  const data = { ...dataFor('forward'), petition: { ...PETITION, kind: 'denunciation' as const, subject: 'Ông Trần Văn Bị, cán bộ địa chính xã' } } as DocumentData;
  const { title, html } = buildDocument(data);

  it('has its own title and names no denouncer in the body or among the recipients', () => {
    expect(title).toBe('Phiếu chuyển đơn tố cáo');
    expect(html).toContain('<h1 class="title">PHIẾU CHUYỂN ĐƠN TỐ CÁO</h1>');
    expect(html).toContain('nhận được đơn tố cáo đề ngày 27/02/2026 (đơn vào sổ số 2026/000001)');
    expect(html).toContain('Người bị tố cáo: Ông Trần Văn Bị, cán bộ địa chính xã.');
    expect(html).toContain('- Như trên;<br>- Lưu: VT, hồ sơ.');
    for (const secret of ['Nguyễn Thị Ánh Tuyết', '051180001234', 'Thôn An Phú']) expect(html).not.toContain(secret);
  });

  it('the reminder about a forwarded denunciation does not name the denouncer either', () => {
    const reminder = buildDocument({ ...dataFor('reminder'), petition: { ...PETITION, kind: 'denunciation' } } as DocumentData).html;
    expect(reminder).toContain('Phiếu chuyển đơn tố cáo số 05/PC-BTCD');
    for (const secret of ['Nguyễn Thị Ánh Tuyết', '051180001234', 'Thôn An Phú']) expect(reminder).not.toContain(secret);
  });
});
