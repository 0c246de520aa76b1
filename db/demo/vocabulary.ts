// Word lists for the demo register: Vietnamese names in their real proportions (roughly), the
// bodies that forward petitions to a provincial Board, and petition summaries by field and kind.
// Every name is made up from parts; any match with a real person is chance.
import type { Field, PetitionKind } from '../../shared/domain/petition.ts';

/** Family names with their approximate share of the population (percent). */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 5],
  ['Võ', 4],
  ['Phan', 4.5],
  ['Hoàng', 2],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Đinh', 1.5],
  ['Trương', 1],
  ['Lý', 0.5],
  ['Mai', 0.5],
  ['Lâm', 0.4],
  ['Tạ', 0.3],
  ['Châu', 0.3],
];

export const MIDDLE_NAMES_MALE = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Đình', 'Tấn', 'Quốc', 'Anh'] as const;
export const MIDDLE_NAMES_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Mỹ', 'Bích', 'Hồng', 'Thị Thu', 'Thị Kim', 'Thị Mỹ'] as const;

export const GIVEN_NAMES_MALE = [
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Sơn', 'Long', 'Nam', 'Thành', 'Phúc', 'Đức', 'Trung', 'Bình', 'Tâm', 'Hòa',
  'Lợi', 'Tài', 'Tùng', 'Quang', 'Khánh', 'Cường', 'Hiếu', 'Lâm', 'Phong', 'Thắng', 'Vinh', 'Nghĩa', 'Hưng', 'Toàn', 'Lộc',
  'Thọ', 'Sáu', 'Bảy', 'Tư', 'Hoàng', 'Việt', 'Kha', 'Trí',
] as const;
export const GIVEN_NAMES_FEMALE = [
  'Lan', 'Hoa', 'Hương', 'Mai', 'Hà', 'Linh', 'Trang', 'Thảo', 'Nga', 'Hạnh', 'Hằng', 'Phương', 'Loan', 'Yến', 'Xuân',
  'Thủy', 'Tuyết', 'Nhung', 'Liên', 'Oanh', 'Dung', 'Hiền', 'Huệ', 'Ánh', 'Vân', 'Cúc', 'Lệ', 'Sương', 'Nguyệt', 'Diệu',
] as const;

/** Names as the Hrê, Cor, Xơ Đăng and Ba Na communities of the province write them. */
export const MINORITY_NAMES: readonly (readonly [string, 'male' | 'female'])[] = [
  ['Đinh Văn Lếch', 'male'],
  ['Đinh Thị Hơn', 'female'],
  ['Phạm Văn Bưởi', 'male'],
  ['A Thuận', 'male'],
  ['Y Nhung', 'female'],
  ['A Khuyên', 'male'],
  ['Y Blưm', 'female'],
  ['Đinh Văn Mươi', 'male'],
  ['Hồ Văn Lãnh', 'male'],
  ['Đinh Thị Rin', 'female'],
  ['A Tuấn', 'male'],
  ['Y Hoa', 'female'],
];

/** Hamlet names for communes; wards get numbered residential groups instead. */
export const HAMLETS = [
  'An Lạc', 'Phú Long', 'Tân An', 'Thạnh Đức', 'Mỹ Hưng', 'Long Bàn', 'Đông Yên', 'Tây Phước', 'Hòa Vinh', 'Trường Thọ',
  'An Phú', 'Vĩnh Lộc', 'Phước Thịnh', 'Xuân Hòa', 'Làng Rê', 'Làng Mén', 'Kon Tu', 'Đăk Rơ Wa', 'Thanh Trà', 'Hòa Bình',
] as const;

export const PROJECTS = [
  'Khu công nghiệp VSIP Quảng Ngãi',
  'mở rộng Nhà máy Lọc dầu Dung Quất',
  'đường cao tốc Quảng Ngãi – Hoài Nhơn',
  'đường ven biển Dung Quất – Sa Huỳnh',
  'Khu dân cư Bắc Trà Khúc',
  'nâng cấp Quốc lộ 24',
  'hồ chứa nước Nước Trong',
  'Khu đô thị mới Mỹ Khê',
  'Cụm công nghiệp Tịnh Ấn Tây',
  'kè chống sạt lở bờ sông Trà Khúc',
  'đường Hồ Chí Minh đoạn qua Kon Tum',
  'Khu du lịch sinh thái Măng Đen',
] as const;

export const RIVERS = ['Trà Khúc', 'Vệ', 'Trà Bồng', 'Trà Câu', 'Đăk Bla', 'Pô Kô'] as const;

export const COMPANIES = [
  'Công ty TNHH Xây dựng Sơn Hà',
  'Công ty cổ phần Chăn nuôi Tân Phát',
  'Công ty TNHH Khai thác khoáng sản Minh Long',
  'Công ty cổ phần Chế biến thủy sản Biển Đông',
  'Công ty TNHH May mặc Phú An',
  'Công ty cổ phần Gạch Tuynel Bình Minh',
] as const;

/** Bodies that forward petitions to the province, with how their letters are numbered. */
export const FORWARDING_BODIES: readonly { name: (province: string) => string; symbol: string; weight: number }[] = [
  { name: () => 'Văn phòng Chính phủ', symbol: 'VPCP-V.I', weight: 10 },
  { name: () => 'Ban Tiếp công dân Trung ương', symbol: 'BTCDTW-VP', weight: 18 },
  { name: () => 'Thanh tra Chính phủ', symbol: 'TTCP-C.I', weight: 8 },
  { name: () => 'Ban Dân nguyện và Giám sát của Quốc hội', symbol: 'BDNGS', weight: 8 },
  { name: (p) => `Đoàn đại biểu Quốc hội ${p}`, symbol: 'ĐĐBQH-VP', weight: 16 },
  { name: (p) => `Văn phòng Tỉnh ủy ${p.replace(/^tỉnh /, '')}`, symbol: 'VPTU', weight: 12 },
  { name: (p) => `Thường trực HĐND ${p}`, symbol: 'HĐND-VP', weight: 8 },
  { name: (p) => `Ủy ban Mặt trận Tổ quốc Việt Nam ${p}`, symbol: 'MTTQ-BTT', weight: 8 },
  { name: () => 'Bộ Nông nghiệp và Môi trường', symbol: 'BNNMT-TTr', weight: 6 },
  { name: () => 'Bộ Tài chính', symbol: 'BTC-TTr', weight: 3 },
  { name: () => 'Bộ Nội vụ', symbol: 'BNV-TTr', weight: 3 },
];

/** What a template fills its blanks from. */
export interface SummaryContext {
  commune: string;
  hamlet: string;
  province: string;
  project: string;
  river: string;
  company: string;
  /** A made-up official's name, for denunciations. */
  official: string;
  /** A made-up name, for policy cases about a relative. */
  relative: string;
  number: (min: number, max: number) => number;
  year: number;
  /** A date earlier in the year, written dd/mm/yyyy. */
  earlierDate: string;
}

export interface SummaryTemplate {
  field: Field;
  kind: PetitionKind;
  weight: number;
  summary: (c: SummaryContext) => string;
  subject?: (c: SummaryContext) => string;
}

export const SUMMARY_TEMPLATES: readonly SummaryTemplate[] = [
  // Land: the largest share of every year's petitions.
  {
    field: 'land',
    kind: 'complaint',
    weight: 16,
    summary: (c) => `Khiếu nại Quyết định số ${c.number(10, 980)}/QĐ-XPHC ngày ${c.earlierDate} của Chủ tịch UBND ${c.commune} về xử phạt vi phạm hành chính trong lĩnh vực đất đai`,
    subject: (c) => `Chủ tịch UBND ${c.commune}`,
  },
  {
    field: 'land',
    kind: 'complaint',
    weight: 14,
    summary: (c) => `Khiếu nại việc UBND ${c.commune} không xác nhận nguồn gốc, không đề nghị cấp Giấy chứng nhận quyền sử dụng đất đối với thửa đất số ${c.number(5, 900)}, tờ bản đồ số ${c.number(1, 60)}`,
    subject: (c) => `UBND ${c.commune}`,
  },
  {
    field: 'land',
    kind: 'recommendation',
    weight: 12,
    summary: (c) => `Đề nghị cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất số ${c.number(5, 900)}, tờ bản đồ số ${c.number(1, 60)} tại ${c.hamlet}, ${c.commune}`,
  },
  {
    field: 'land',
    kind: 'recommendation',
    weight: 9,
    summary: (c) => `Đề nghị giải quyết tranh chấp ranh giới đất với hộ liền kề tại ${c.hamlet}, ${c.commune}; đã hòa giải tại xã nhưng không thành`,
  },
  {
    field: 'land',
    kind: 'recommendation',
    weight: 6,
    summary: (c) => `Phản ánh việc hộ liền kề lấn chiếm đất, xây tường rào trên phần đất của gia đình tại ${c.hamlet}, ${c.commune}`,
  },
  {
    field: 'land',
    kind: 'denunciation',
    weight: 3,
    summary: (c) => `Tố cáo ông ${c.official}, công chức địa chính ${c.commune}, xác nhận sai nguồn gốc đất để cấp Giấy chứng nhận cho người khác`,
    subject: (c) => `Ông ${c.official}, công chức địa chính - xây dựng ${c.commune}`,
  },
  {
    field: 'land',
    kind: 'multiple',
    weight: 3,
    summary: (c) => `Khiếu nại việc thu hồi đất nông nghiệp và đề nghị xem xét giao đất tái định cư tại ${c.commune}`,
    subject: (c) => `UBND ${c.commune}`,
  },
  // Compensation, support and resettlement when land is taken for projects.
  {
    field: 'compensation',
    kind: 'complaint',
    weight: 12,
    summary: (c) => `Khiếu nại mức bồi thường, hỗ trợ khi Nhà nước thu hồi đất để thực hiện dự án ${c.project}`,
    subject: () => 'Trung tâm Phát triển quỹ đất tỉnh',
  },
  {
    field: 'compensation',
    kind: 'complaint',
    weight: 8,
    summary: (c) => `Khiếu nại Quyết định số ${c.number(100, 2500)}/QĐ-UBND phê duyệt phương án bồi thường, hỗ trợ, tái định cư dự án ${c.project}`,
    subject: (c) => `UBND ${c.commune}`,
  },
  {
    field: 'compensation',
    kind: 'recommendation',
    weight: 5,
    summary: (c) => `Đề nghị bố trí đất tái định cư cho gia đình bị thu hồi toàn bộ đất ở tại dự án ${c.project}`,
  },
  {
    field: 'compensation',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Kiến nghị hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm cho hộ bị thu hồi đất nông nghiệp thuộc dự án ${c.project}`,
  },
  {
    field: 'compensation',
    kind: 'multiple',
    weight: 3,
    summary: (c) => `Khiếu nại đơn giá bồi thường cây cối, hoa màu và đề nghị hỗ trợ ổn định đời sống khi thu hồi đất dự án ${c.project}`,
    subject: () => 'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh',
  },
  // Policies: people with merit, social allowances, insurance.
  {
    field: 'policy',
    kind: 'recommendation',
    weight: 5,
    summary: (c) => `Đề nghị xem xét giải quyết chế độ thờ cúng liệt sĩ ${c.relative}, hồ sơ đã nộp tại UBND ${c.commune} từ năm ${c.year - 2}`,
  },
  {
    field: 'policy',
    kind: 'recommendation',
    weight: 4,
    summary: (c) => `Đề nghị được hưởng trợ cấp xã hội hằng tháng đối với người cao tuổi không có người phụng dưỡng tại ${c.commune}`,
  },
  {
    field: 'policy',
    kind: 'complaint',
    weight: 3,
    summary: (c) => `Khiếu nại việc dừng chi trả trợ cấp bệnh binh của ông ${c.relative} từ tháng ${c.number(1, 12)}/${c.year - 1}`,
    subject: () => 'Sở Nội vụ',
  },
  {
    field: 'policy',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Kiến nghị giải quyết chế độ bảo hiểm xã hội, trợ cấp thôi việc sau khi nghỉ làm tại ${c.company}`,
  },
  {
    field: 'policy',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Đề nghị rà soát, công nhận hộ nghèo năm ${c.year} cho gia đình tại ${c.hamlet}, ${c.commune}`,
  },
  // Housing and construction.
  {
    field: 'housing',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Phản ánh công trình xây dựng nhà ở sai phép, lấn chiếm hành lang đường bộ tại ${c.hamlet}, ${c.commune}`,
  },
  {
    field: 'housing',
    kind: 'complaint',
    weight: 2,
    summary: (c) => `Khiếu nại quyết định cưỡng chế tháo dỡ công trình nhà ở của Chủ tịch UBND ${c.commune}`,
    subject: (c) => `Chủ tịch UBND ${c.commune}`,
  },
  {
    field: 'housing',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Đề nghị hỗ trợ sửa chữa nhà ở cho hộ gia đình bị thiệt hại do bão, lũ cuối năm ${c.year - 1} tại ${c.commune}`,
  },
  // Justice: judgments, their enforcement, investigations.
  {
    field: 'justice',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Kiến nghị xem xét theo thủ tục giám đốc thẩm Bản án dân sự phúc thẩm số ${c.number(10, 300)}/${c.year - 1}/DS-PT về tranh chấp quyền sử dụng đất`,
    subject: () => 'Tòa án nhân dân tỉnh',
  },
  {
    field: 'justice',
    kind: 'complaint',
    weight: 2,
    summary: (c) => `Khiếu nại việc chậm tổ chức thi hành Bản án số ${c.number(10, 300)}/${c.year - 1}/DS-ST, gia đình chưa nhận được tiền thi hành án`,
    subject: () => 'Thi hành án dân sự tỉnh',
  },
  {
    field: 'justice',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Đề nghị xem xét việc điều tra, xử lý vụ gây thương tích xảy ra tại ${c.hamlet}, ${c.commune}`,
    subject: (c) => `Công an ${c.commune}`,
  },
  // Corruption and misconduct.
  {
    field: 'corruption',
    kind: 'denunciation',
    weight: 2,
    summary: (c) => `Tố cáo ông ${c.official}, Chủ tịch UBND ${c.commune}, có dấu hiệu vụ lợi trong quản lý, sử dụng kinh phí xây dựng nông thôn mới`,
    subject: (c) => `Ông ${c.official}, Chủ tịch UBND ${c.commune}`,
  },
  {
    field: 'corruption',
    kind: 'denunciation',
    weight: 1,
    summary: (c) => `Tố cáo sai phạm trong lập hồ sơ hỗ trợ nhà ở cho hộ nghèo, thu tiền của người dân tại ${c.commune}`,
    subject: (c) => `Bà ${c.official}, công chức văn hóa - xã hội ${c.commune}`,
  },
  {
    field: 'corruption',
    kind: 'denunciation',
    weight: 1,
    summary: (c) => `Tố cáo việc thu, chi sai quy định các khoản đóng góp của nhân dân tại ${c.hamlet}, ${c.commune}`,
    subject: (c) => `Ban nhân dân ${c.hamlet}, ${c.commune}`,
  },
  // Administrative procedures and officials' conduct.
  {
    field: 'administration',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Phản ánh việc chậm trả kết quả thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả ${c.commune}`,
  },
  {
    field: 'administration',
    kind: 'complaint',
    weight: 2,
    summary: (c) => `Khiếu nại việc UBND ${c.commune} từ chối chứng thực hợp đồng chuyển nhượng quyền sử dụng đất`,
    subject: (c) => `UBND ${c.commune}`,
  },
  {
    field: 'administration',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Kiến nghị điều chỉnh sai sót về họ tên, ngày sinh trong sổ hộ tịch do UBND ${c.commune} quản lý`,
  },
  // Everything else: environment, roads, businesses.
  {
    field: 'other',
    kind: 'recommendation',
    weight: 3,
    summary: (c) => `Phản ánh ô nhiễm môi trường, mùi hôi do cơ sở chăn nuôi heo gây ra tại ${c.hamlet}, ${c.commune}`,
  },
  {
    field: 'other',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Phản ánh việc khai thác cát trái phép trên sông ${c.river} đoạn qua ${c.commune}, gây sạt lở đất sản xuất`,
  },
  {
    field: 'other',
    kind: 'recommendation',
    weight: 2,
    summary: (c) => `Kiến nghị sửa chữa tuyến đường liên thôn bị hư hỏng nặng sau mùa mưa tại ${c.commune}`,
  },
  {
    field: 'other',
    kind: 'denunciation',
    weight: 1,
    summary: (c) => `Tố cáo ${c.company} xả nước thải chưa qua xử lý ra môi trường tại ${c.commune}`,
    subject: (c) => c.company,
  },
];

/** Visits that ask a question and leave no petition. */
export const QUESTIONS: readonly ((c: SummaryContext) => string)[] = [
  (c) => `Hỏi về thủ tục cấp đổi Giấy chứng nhận quyền sử dụng đất tại ${c.commune}`,
  (c) => `Hỏi về tiến độ giải quyết đơn đã gửi UBND ${c.commune}`,
  () => 'Hỏi về chính sách hỗ trợ người có công với cách mạng',
  (c) => `Hỏi về thời gian chi trả tiền bồi thường dự án ${c.project}`,
];
