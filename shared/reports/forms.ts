// The six official report forms of the inspection sector (Circular 06/2025/TT-TTCP appendix, in
// the layouts provincial systems implement since 2024; ../shared/spec/reports.md column by
// column): 01/TCD and 02/TCD for reception, 01/XLD for the handling of petitions, and 02/XLD,
// 03/XLD, 04/XLD for complaints, denunciations and recommendations. Data only: see model.ts.
import type { Count, FieldGroup, MatterState, PetitionKindOfficial, PetitionWhere, ReportColumn, ReportDefinition, VisitWhere } from './model.ts';

const SOURCE = 'Thông tư 06/2025/TT-TTCP, Phụ lục biểu mẫu thống kê';

type Value = ReportColumn['value'];
const col = (ms: number, heading: string, parents: string[], value: Value, why?: string): ReportColumn => ({ ms, heading, parents, value, ...(why ? { why } : {}) });
const sum = (...columns: number[]): Value => ({ sum: columns });
const visits = (where: VisitWhere): Count => ({ unit: 'visits', where });
const persons = (where: VisitWhere): Count => ({ unit: 'persons', where });
const first = (where: VisitWhere): Count => ({ unit: 'matters_first', where });
const repeat = (where: VisitWhere): Count => ({ unit: 'matters_repeat', where });
const petitions = (where: PetitionWhere): Count => ({ unit: 'petitions', where });
const matters = (where: PetitionWhere): Count => ({ unit: 'matters', where });
const replies = (where: PetitionWhere): Count => ({ unit: 'replies', where });

// ---------------------------------------------------------------------------------------------
// 01/TCD: reception by the Board (regular) and by the head, in person or on delegation.

/** Columns of one reception group, starting at `ms` (with a sessions column for the head's groups). */
function receptionGroup(start: number, parent: string[], by: 'regular' | 'head' | 'delegated'): ReportColumn[] {
  const out: ReportColumn[] = [];
  let ms = start;
  if (by !== 'regular') out.push(col(ms++, 'Số kỳ tiếp', parent, { unit: 'sessions', by }));
  const all: VisitWhere = { by };
  const del: VisitWhere = { by, delegation: true };
  out.push(col(ms++, 'Số lượt', parent, visits(all)));
  out.push(col(ms++, 'Số người', parent, persons(all)));
  out.push(col(ms++, 'Tiếp lần đầu', [...parent, 'Vụ việc'], first(all), 'Vụ việc mà lượt tiếp đầu tiên của nó trong kỳ là lần đầu Ban gặp vụ việc'));
  out.push(col(ms++, 'Tiếp nhiều lần', [...parent, 'Vụ việc'], repeat(all), 'Vụ việc đã được tiếp hoặc nhận đơn trước đó'));
  out.push(col(ms++, 'Số đoàn', [...parent, 'Đoàn đông người'], visits(del)));
  out.push(col(ms++, 'Số người', [...parent, 'Đoàn đông người'], persons(del)));
  out.push(col(ms++, 'Lần đầu', [...parent, 'Đoàn đông người', 'Vụ việc'], first(del)));
  out.push(col(ms, 'Nhiều lần', [...parent, 'Đoàn đông người', 'Vụ việc'], repeat(del)));
  return out;
}

const HEAD = 'Tiếp định kỳ và đột xuất của Thủ trưởng';

export const FORM_01_TCD: ReportDefinition = {
  form: '01/TCD',
  title: 'TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT',
  subtitle: 'Số liệu tiếp công dân của Ban Tiếp công dân và của Thủ trưởng',
  source: SOURCE,
  records: 'visits',
  columns: [
    col(1, 'Tổng số lượt tiếp', [], sum(4, 13, 22)),
    col(2, 'Tổng số người được tiếp', [], sum(5, 14, 23)),
    col(3, 'Tổng số vụ việc tiếp', [], sum(6, 7, 15, 16, 24, 25)),
    ...receptionGroup(4, ['Tiếp thường xuyên'], 'regular'),
    ...receptionGroup(12, [HEAD, 'Thủ trưởng tiếp'], 'head'),
    ...receptionGroup(21, [HEAD, 'Ủy quyền tiếp'], 'delegated'),
    col(30, 'Ghi chú', [], 'note'),
  ],
  identities: ['1 = 4+13+22', '2 = 5+14+23', '3 = 6+7+15+16+24+25'],
};

// ---------------------------------------------------------------------------------------------
// 02/TCD: petitions received at reception, classified and handled.

const RECEPTION: PetitionWhere = { receptionHandled: true };
const OUTSIDE = 'Không thuộc thẩm quyền';

export const FORM_02_TCD: ReportDefinition = {
  form: '02/TCD',
  title: 'TỔNG HỢP KẾT QUẢ PHÂN LOẠI, XỬ LÝ ĐƠN QUA TIẾP CÔNG DÂN',
  subtitle: 'Đơn nhận được khi tiếp công dân, đã phân loại và có hướng xử lý trong kỳ',
  source: SOURCE,
  records: 'petitions',
  matterBase: RECEPTION,
  columns: [
    col(1, 'Tổng số đơn nhận được qua tiếp công dân', [], petitions(RECEPTION),
      'Đơn nhận tại lượt tiếp, đủ điều kiện và có hướng xử lý (thụ lý, hướng dẫn, trả lại, chuyển, đôn đốc) trong kỳ; đơn lưu và đơn chưa xử lý ghi ở cột Ghi chú'),
    col(2, 'Tổng số vụ việc được tiếp', [], matters(RECEPTION)),
    col(3, 'Số đơn', ['Khiếu nại'], petitions({ ...RECEPTION, kind: 'complaint' })),
    col(4, 'Số vụ việc', ['Khiếu nại'], matters({ ...RECEPTION, kind: 'complaint' })),
    col(5, 'Số đơn', ['Tố cáo'], petitions({ ...RECEPTION, kind: 'denunciation' })),
    col(6, 'Số vụ việc', ['Tố cáo'], matters({ ...RECEPTION, kind: 'denunciation' })),
    col(7, 'Số đơn', ['Phản ánh, kiến nghị'], petitions({ ...RECEPTION, kind: 'recommendation' })),
    col(8, 'Số vụ việc', ['Phản ánh, kiến nghị'], matters({ ...RECEPTION, kind: 'recommendation' })),
    col(9, 'Số đơn', ['Thuộc thẩm quyền'], petitions({ ...RECEPTION, action: ['accept'] })),
    col(10, 'Số vụ việc', ['Thuộc thẩm quyền'], matters({ ...RECEPTION, action: ['accept'] })),
    col(11, 'Số đơn', [OUTSIDE], petitions({ ...RECEPTION, action: ['guide', 'return', 'forward', 'urge'] })),
    col(12, 'Tổng', [OUTSIDE, 'Số vụ việc'], sum(13, 14, 15)),
    col(13, 'Hướng dẫn', [OUTSIDE, 'Số vụ việc'], matters({ ...RECEPTION, action: ['guide', 'return'] }), 'Trả lại đơn kèm hướng dẫn tính là hướng dẫn (cột 10 mẫu 03/TCD)'),
    col(14, 'Chuyển đơn', [OUTSIDE, 'Số vụ việc'], matters({ ...RECEPTION, action: ['forward'] })),
    col(15, 'Đôn đốc giải quyết', [OUTSIDE, 'Số vụ việc'], matters({ ...RECEPTION, action: ['urge'] })),
    col(16, 'Số văn bản phúc đáp nhận được do chuyển đơn', [], replies({ viaReception: true })),
    col(17, 'Ghi chú', [], 'note'),
  ],
  identities: ['1 = 3+5+7 = 9+11', '2 = 4+6+8 = 10+12', '12 = 13+14+15'],
};

// ---------------------------------------------------------------------------------------------
// 01/XLD: all petitions the Board had to handle in the period.

const ELIGIBLE: PetitionWhere = { eligibleHandled: true };
const CONTENT = 'Phân loại theo nội dung';
const STATE = 'Theo tình trạng giải quyết';
const RESULT = 'Kết quả xử lý đơn đủ điều kiện';
const RESOLVED_AGAIN: MatterState[] = ['resolved_twice', 'court_judgment', 'denunciation_concluded'];
const NOT_RESOLVED: MatterState[] = ['unresolved', 'denunciation_overdue'];

export const FORM_01_XLD: ReportDefinition = {
  form: '01/XLD',
  title: 'TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN',
  subtitle: 'Đơn phải xử lý trong kỳ (kỳ trước chuyển sang và tiếp nhận trong kỳ)',
  source: SOURCE,
  records: 'petitions',
  matterBase: ELIGIBLE,
  columns: [
    col(1, 'Tổng số đơn', [], sum(2, 3)),
    col(2, 'Kỳ trước chuyển sang', [], petitions({ scope: 'carried' })),
    col(3, 'Tiếp nhận trong kỳ', [], petitions({ scope: 'received' })),
    col(4, 'Số đơn đã xử lý', [], petitions({ processed: true })),
    col(5, 'Số đơn chưa xử lý (chuyển kỳ sau)', [], petitions({ processed: false })),
    col(6, 'Số đơn', ['Đơn đủ điều kiện xử lý'], petitions(ELIGIBLE),
      'Đơn đủ điều kiện đã có hướng xử lý thụ lý, hướng dẫn (kể cả trả lại kèm hướng dẫn), chuyển đơn hoặc đôn đốc đến hết kỳ'),
    col(7, 'Số vụ việc', ['Đơn đủ điều kiện xử lý'], matters(ELIGIBLE)),
    col(8, 'Khiếu nại', ['Đơn đủ điều kiện xử lý', CONTENT], petitions({ ...ELIGIBLE, kind: 'complaint' })),
    col(9, 'Tố cáo', ['Đơn đủ điều kiện xử lý', CONTENT], petitions({ ...ELIGIBLE, kind: 'denunciation' })),
    col(10, 'Kiến nghị, phản ánh', ['Đơn đủ điều kiện xử lý', CONTENT], petitions({ ...ELIGIBLE, kind: 'recommendation' })),
    col(11, 'Đã được giải quyết lần đầu', ['Đơn đủ điều kiện xử lý', STATE], petitions({ ...ELIGIBLE, state: ['resolved_once'] })),
    col(12, 'Đã được giải quyết nhiều lần', ['Đơn đủ điều kiện xử lý', STATE], petitions({ ...ELIGIBLE, state: RESOLVED_AGAIN })),
    col(13, 'Chưa được giải quyết', ['Đơn đủ điều kiện xử lý', STATE], petitions({ ...ELIGIBLE, state: NOT_RESOLVED })),
    col(14, 'Tổng', [RESULT, 'Đơn thuộc thẩm quyền'], sum(15, 16, 17)),
    col(15, 'Khiếu nại', [RESULT, 'Đơn thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['accept'], kind: 'complaint' })),
    col(16, 'Tố cáo', [RESULT, 'Đơn thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['accept'], kind: 'denunciation' })),
    col(17, 'Kiến nghị, phản ánh', [RESULT, 'Đơn thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['accept'], kind: 'recommendation' })),
    col(18, 'Tổng', [RESULT, 'Đơn không thuộc thẩm quyền'], sum(19, 20, 21)),
    col(19, 'Hướng dẫn', [RESULT, 'Đơn không thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['guide', 'return'] })),
    col(20, 'Chuyển đơn', [RESULT, 'Đơn không thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['forward'] })),
    col(21, 'Đôn đốc giải quyết', [RESULT, 'Đơn không thuộc thẩm quyền'], petitions({ ...ELIGIBLE, action: ['urge'] })),
    col(22, 'Số văn bản phúc đáp nhận được do chuyển đơn', [], replies({})),
  ],
  identities: ['1 = 2+3 = 4+5', '6 = 8+9+10 = 11+12+13 = 14+18', '14 = 15+16+17', '18 = 19+20+21'],
};

// ---------------------------------------------------------------------------------------------
// 02/XLD, 03/XLD, 04/XLD: one kind of petition each, in the same frame.

const TO_HANDLE = 'Số đơn phải xử lý';
const HANDLED = 'Số đơn đã xử lý';

function frame(kind: PetitionKindOfficial): ReportColumn[] {
  return [
    col(1, 'Tổng', [TO_HANDLE], sum(2, 3)),
    col(2, 'Kỳ trước chuyển sang', [TO_HANDLE], petitions({ kind, scope: 'carried' })),
    col(3, 'Tiếp nhận trong kỳ', [TO_HANDLE], petitions({ kind, scope: 'received' })),
  ];
}

function handled(kind: PetitionKindOfficial, start: number, parent: string): ReportColumn[] {
  return [
    col(start, 'Tổng', [parent], sum(start + 1, start + 2)),
    col(start + 1, 'Kỳ trước chuyển sang', [parent], petitions({ kind, scope: 'carried', processed: true })),
    col(start + 2, 'Tiếp nhận trong kỳ', [parent], petitions({ kind, scope: 'received', processed: true })),
  ];
}

/** Matters of eligible petitions of one kind in some field groups. */
const byField = (kind: PetitionKindOfficial, groups: FieldGroup[]): Count => matters({ eligibleHandled: true, kind, fieldGroup: groups });

const BY_CONTENT = 'Vụ việc phân theo nội dung';
const ADMIN = 'Lĩnh vực hành chính';
const ELIGIBLE_HEAD = 'Đơn đủ điều kiện xử lý';

export const FORM_02_XLD: ReportDefinition = {
  form: '02/XLD',
  title: 'TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KHIẾU NẠI',
  subtitle: 'Đơn khiếu nại phải xử lý trong kỳ',
  source: SOURCE,
  records: 'petitions',
  matterBase: { eligibleHandled: true, kind: 'complaint' },
  columns: (() => {
    const k = 'complaint' as const;
    const E: PetitionWhere = { eligibleHandled: true, kind: k };
    return [
      ...frame(k),
      ...handled(k, 4, HANDLED),
      col(7, 'Số đơn', [ELIGIBLE_HEAD], petitions(E)),
      col(8, 'Số vụ việc', [ELIGIBLE_HEAD], matters(E)),
      col(9, 'Tổng', [BY_CONTENT, ADMIN], sum(10, 11, 12)),
      col(10, 'Chế độ, chính sách', [BY_CONTENT, ADMIN], byField(k, ['admin_policy'])),
      col(11, 'Đất đai, nhà cửa', [BY_CONTENT, ADMIN], byField(k, ['admin_land'])),
      col(12, 'Khác', [BY_CONTENT, ADMIN], byField(k, ['admin_civil_service', 'admin_other', 'corruption']),
        'Khiếu nại không có cột công chức, công vụ hay tham nhũng riêng: tính vào hành chính khác'),
      col(13, 'Lĩnh vực tư pháp', [BY_CONTENT], byField(k, ['justice'])),
      col(14, 'Về Đảng, đoàn thể', [BY_CONTENT], byField(k, ['party'])),
      col(15, 'Lĩnh vực khác', [BY_CONTENT], byField(k, ['other'])),
      col(16, 'Lần đầu', ['Vụ việc theo tình trạng giải quyết', 'Đã được giải quyết'], matters({ ...E, state: ['resolved_once'] })),
      col(17, 'Lần 2', ['Vụ việc theo tình trạng giải quyết', 'Đã được giải quyết'], matters({ ...E, state: ['resolved_twice', 'denunciation_concluded'] })),
      col(18, 'Đã có bản án của Tòa', ['Vụ việc theo tình trạng giải quyết'], matters({ ...E, state: ['court_judgment'] })),
      col(19, 'Chưa được giải quyết xong', ['Vụ việc theo tình trạng giải quyết'], matters({ ...E, state: NOT_RESOLVED })),
      col(20, 'Tổng', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], sum(21, 22)),
      col(21, 'Lần đầu', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], matters({ ...E, action: ['accept'], complaintLevel: 'first' }),
        'Khiếu nại lần đầu (Luật Khiếu nại, Điều 7); vụ việc chưa ghi cấp khiếu nại tính là lần đầu'),
      col(22, 'Lần 2', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], matters({ ...E, action: ['accept'], complaintLevel: 'second' })),
      col(23, 'Tổng', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], sum(24, 25)),
      col(24, 'Hướng dẫn', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['guide', 'return', 'forward'] }),
        'Khiếu nại không thuộc thẩm quyền thì hướng dẫn, không chuyển đơn (Thông tư 05/2021/TT-TTCP, Điều 7); đơn đã chuyển trước đây tính là hướng dẫn'),
      col(25, 'Đôn đốc giải quyết', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['urge'] })),
      col(26, 'Số văn bản phúc đáp nhận được do chuyển đơn', [], replies({ kind: k })),
    ];
  })(),
  identities: ['1 = 2+3', '4 = 5+6', '8 = 9+13+14+15 = 16+17+18+19 = 20+23', '9 = 10+11+12', '20 = 21+22', '23 = 24+25'],
};

export const FORM_03_XLD: ReportDefinition = {
  form: '03/XLD',
  title: 'TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN TỐ CÁO',
  subtitle: 'Đơn tố cáo phải xử lý trong kỳ',
  source: SOURCE,
  records: 'petitions',
  matterBase: { eligibleHandled: true, kind: 'denunciation' },
  columns: (() => {
    const k = 'denunciation' as const;
    const E: PetitionWhere = { eligibleHandled: true, kind: k };
    return [
      ...frame(k),
      ...handled(k, 4, HANDLED),
      col(7, 'Số đơn', [ELIGIBLE_HEAD], petitions(E)),
      col(8, 'Số vụ việc', [ELIGIBLE_HEAD], matters(E)),
      col(9, 'Tổng', [BY_CONTENT, ADMIN], sum(10, 11, 12, 13)),
      col(10, 'Chế độ, chính sách', [BY_CONTENT, ADMIN], byField(k, ['admin_policy'])),
      col(11, 'Đất đai, nhà cửa', [BY_CONTENT, ADMIN], byField(k, ['admin_land'])),
      col(12, 'Công chức, công vụ', [BY_CONTENT, ADMIN], byField(k, ['admin_civil_service'])),
      col(13, 'Khác', [BY_CONTENT, ADMIN], byField(k, ['admin_other'])),
      col(14, 'Tham nhũng', [BY_CONTENT], byField(k, ['corruption'])),
      col(15, 'Lĩnh vực tư pháp', [BY_CONTENT], byField(k, ['justice'])),
      col(16, 'Về Đảng, đoàn thể', [BY_CONTENT], byField(k, ['party'])),
      col(17, 'Lĩnh vực khác', [BY_CONTENT], byField(k, ['other'])),
      col(18, 'Quá thời hạn chưa được giải quyết', ['Vụ việc theo tình trạng giải quyết', 'Tố cáo tiếp'], matters({ ...E, state: ['denunciation_overdue'] })),
      col(19, 'Đã có kết luận giải quyết', ['Vụ việc theo tình trạng giải quyết', 'Tố cáo tiếp'], matters({ ...E, state: ['denunciation_concluded', 'resolved_once', 'resolved_twice', 'court_judgment'] })),
      col(20, 'Chưa được giải quyết', ['Vụ việc theo tình trạng giải quyết'], matters({ ...E, state: ['unresolved'] })),
      col(21, 'Tổng', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], sum(22, 23)),
      col(22, 'Tố cáo lần đầu', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], matters({ ...E, action: ['accept'], state: ['unresolved'] })),
      col(23, 'Tố cáo tiếp', ['Kết quả xử lý vụ việc', 'Thuộc thẩm quyền'], matters({ ...E, action: ['accept'], state: ['denunciation_overdue', 'denunciation_concluded', 'resolved_once', 'resolved_twice', 'court_judgment'] })),
      col(24, 'Tổng', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], sum(25, 26)),
      col(25, 'Chuyển đơn', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['forward', 'guide', 'return'] }),
        'Tố cáo không thuộc thẩm quyền thì chuyển đơn (Luật Tố cáo, Điều 24); đơn đã hướng dẫn trước đây tính vào đây'),
      col(26, 'Đôn đốc giải quyết', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['urge'] })),
      col(27, 'Số văn bản phúc đáp nhận được do chuyển đơn', [], replies({ kind: k })),
    ];
  })(),
  identities: ['1 = 2+3', '4 = 5+6', '8 = 9+14+15+16+17 = 18+19+20 = 21+24', '9 = 10+11+12+13', '21 = 22+23', '24 = 25+26'],
};

export const FORM_04_XLD: ReportDefinition = {
  form: '04/XLD',
  title: 'TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN KIẾN NGHỊ, PHẢN ÁNH',
  subtitle: 'Đơn kiến nghị, phản ánh phải xử lý trong kỳ',
  source: SOURCE,
  records: 'petitions',
  matterBase: { eligibleHandled: true, kind: 'recommendation' },
  columns: (() => {
    const k = 'recommendation' as const;
    const E: PetitionWhere = { eligibleHandled: true, kind: k };
    return [
      ...frame(k),
      ...handled(k, 4, 'Số đơn đã xem xét điều kiện xử lý'),
      col(7, 'Số đơn', [ELIGIBLE_HEAD], petitions(E)),
      col(8, 'Số vụ việc', [ELIGIBLE_HEAD], matters(E)),
      col(9, 'Chế độ, chính sách', [BY_CONTENT], byField(k, ['admin_policy'])),
      col(10, 'Đất đai', [BY_CONTENT], byField(k, ['admin_land'])),
      col(11, 'Tư pháp', [BY_CONTENT], byField(k, ['justice'])),
      col(12, 'Khác', [BY_CONTENT], byField(k, ['admin_civil_service', 'admin_other', 'corruption', 'party', 'other'])),
      col(13, 'Đã được giải quyết', ['Vụ việc theo tình trạng giải quyết'], matters({ ...E, state: ['resolved_once', 'resolved_twice', 'court_judgment', 'denunciation_concluded'] })),
      col(14, 'Chưa được giải quyết', ['Vụ việc theo tình trạng giải quyết'], matters({ ...E, state: NOT_RESOLVED })),
      col(15, 'Thuộc thẩm quyền', ['Kết quả xử lý vụ việc'], matters({ ...E, action: ['accept'] })),
      col(16, 'Tổng', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], sum(17, 18)),
      col(17, 'Chuyển đơn', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['forward', 'guide', 'return'] }),
        'Kiến nghị, phản ánh không thuộc thẩm quyền thì chuyển đơn; đơn đã hướng dẫn tính vào đây'),
      col(18, 'Đôn đốc giải quyết', ['Kết quả xử lý vụ việc', 'Không thuộc thẩm quyền'], matters({ ...E, action: ['urge'] })),
      col(19, 'Đã giải quyết', ['Kết quả giải quyết vụ việc thuộc thẩm quyền'], matters({ ...E, action: ['accept'], state: ['resolved_once', 'resolved_twice', 'court_judgment', 'denunciation_concluded'] })),
      col(20, 'Chưa giải quyết', ['Kết quả giải quyết vụ việc thuộc thẩm quyền'], matters({ ...E, action: ['accept'], state: NOT_RESOLVED })),
    ];
  })(),
  identities: ['1 = 2+3', '4 = 5+6', '8 = 9+10+11+12 = 13+14 = 15+16', '16 = 17+18', '15 = 19+20'],
};

export const REPORT_FORMS = [FORM_01_TCD, FORM_02_TCD, FORM_01_XLD, FORM_02_XLD, FORM_03_XLD, FORM_04_XLD] as const;
export const REPORT_FORM_IDS = REPORT_FORMS.map((f) => f.form) as ['01/TCD', '02/TCD', '01/XLD', '02/XLD', '03/XLD', '04/XLD'];
export type ReportFormCode = (typeof REPORT_FORM_IDS)[number];

export function reportDefinition(form: string): ReportDefinition | undefined {
  return REPORT_FORMS.find((f) => f.form === form);
}
