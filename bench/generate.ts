// A register of a busy province over ten years, as an interchange v2 file written record by
// record (a million petitions is over a gigabyte: never one string). Deterministic: the same size
// gives the same file, so registers built from it can be cached and compared between runs.
//
// What makes it realistic for search and lists: Vietnamese names drawn with the frequencies of
// real surnames (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %...), so "nguyen" matches about a third of
// the register as it does at a real desk; ID numbers that begin with the province code (051 for
// Quảng Ngãi); summaries built from the phrases petitions use ("đất đai", "bồi thường", "thu hồi
// đất"...); citizens who come back (a matter arrives through one to four petitions and visits);
// the workflow of each petition as far as its age allows (old ones closed, recent ones waiting,
// forwarded, late to reply).
import fs from 'node:fs';
import { once } from 'node:events';
import { addDays, dayOfWeek } from '../shared/calendar/dates.ts';
import units from '../db/data/admin-units.json' with { type: 'json' };

/** A small deterministic generator (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(pairs: readonly (readonly [T, number])[]): (r: number) => T {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of pairs) cumulative.push((sum += w / total));
  return (r) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return pairs[lo]![0];
  };
}

// Surname shares in Viet Nam (the usual published estimates, rounded).
export const SURNAMES = weighted([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 3], ['Hoàng', 2.5], ['Phan', 4.5], ['Vũ', 2], ['Võ', 2.5],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trương', 0.8],
  ['Lương', 0.4], ['Mai', 0.4], ['Cao', 0.4], ['Tạ', 0.2], ['Châu', 0.2], ['Lâm', 0.3], ['Thái', 0.2], ['Tô', 0.2], ['Văn', 0.2],
] as const);
const MALE_MIDDLE = weighted([['Văn', 40], ['Đức', 8], ['Minh', 10], ['Quang', 6], ['Hữu', 6], ['Thanh', 8], ['Công', 4], ['Ngọc', 3], ['Xuân', 3], ['Đình', 5], ['Tấn', 4], ['Quốc', 3]] as const);
const FEMALE_MIDDLE = weighted([['Thị', 55], ['Ngọc', 8], ['Thanh', 7], ['Thu', 6], ['Kim', 5], ['Minh', 4], ['Mỹ', 3], ['Bích', 3], ['Hồng', 3], ['Phương', 3]] as const);
const MALE_GIVEN = ['An', 'Anh', 'Bảo', 'Bình', 'Chiến', 'Cường', 'Danh', 'Dũng', 'Duy', 'Đạt', 'Định', 'Đức', 'Hải', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khải', 'Khánh', 'Kiên', 'Lâm', 'Long', 'Lợi', 'Lực', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Phương', 'Quân', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Tiến', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ'];
const FEMALE_GIVEN = ['An', 'Anh', 'Bích', 'Chi', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Huệ', 'Hương', 'Hường', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Sen', 'Tâm', 'Thảo', 'Thoa', 'Thu', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Xuân', 'Yến'];

const PROVINCE = units.provinces.find((p) => p.code === '51') ?? units.provinces[0]!;
const COMMUNES = PROVINCE.communes;

const SUBJECTS = [
  'UBND xã {c}', 'UBND phường {c}', 'Chủ tịch UBND xã {c}', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', 'Công an xã {c}', 'Ban Quản lý dự án đầu tư xây dựng tỉnh',
  'Văn phòng Đăng ký đất đai tỉnh', 'Trung tâm Phát triển quỹ đất', 'Công ty TNHH Xây dựng Thành Phát', 'ông Nguyễn Văn Tư, cán bộ địa chính xã {c}', 'Hợp tác xã nông nghiệp {c}',
];
const TEMPLATES: Record<string, string[]> = {
  land: [
    'Khiếu nại Quyết định thu hồi đất số {n}/QĐ-UBND của UBND xã {c} đối với thửa đất số {t}, tờ bản đồ số {b}',
    'Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất gia đình sử dụng ổn định từ năm {y}',
    'Tranh chấp đất đai với hộ liền kề tại thôn {v}, xã {c}; đề nghị giải quyết dứt điểm',
    'Khiếu nại việc đo đạc, chỉnh lý biến động đất đai sai diện tích thửa đất số {t}',
  ],
  compensation: [
    'Khiếu nại phương án bồi thường, hỗ trợ, tái định cư dự án đường ven biển đoạn qua xã {c}',
    'Đề nghị xem xét lại giá bồi thường đất nông nghiệp khi thu hồi đất thực hiện dự án khu dân cư {v}',
    'Đề nghị bố trí tái định cư cho hộ gia đình bị thu hồi toàn bộ đất ở tại thôn {v}',
  ],
  housing: ['Đề nghị giải quyết việc xây dựng nhà ở lấn chiếm lối đi chung tại thôn {v}, xã {c}', 'Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng số {n}/QĐ-XPHC'],
  policy: ['Đề nghị xem xét chế độ chính sách người có công với cách mạng cho thân nhân liệt sĩ', 'Đề nghị giải quyết chế độ bảo hiểm xã hội, trợ cấp thôi việc theo quy định', 'Kiến nghị về chính sách hỗ trợ hộ nghèo tại xã {c}'],
  justice: ['Đề nghị xem xét lại bản án dân sự phúc thẩm số {n}/DS-PT về tranh chấp hợp đồng', 'Khiếu nại việc thi hành án dân sự chậm trễ tại Chi cục Thi hành án dân sự khu vực'],
  corruption: ['Tố cáo cán bộ địa chính xã {c} có hành vi nhận tiền khi làm thủ tục cấp giấy chứng nhận', 'Tố cáo sai phạm trong quản lý, sử dụng ngân sách xây dựng nông thôn mới tại xã {c}'],
  administration: ['Phản ánh việc chậm giải quyết thủ tục hành chính tại Trung tâm phục vụ hành chính công xã {c}', 'Kiến nghị về việc cấp giấy phép kinh doanh chậm so với thời hạn'],
  other: ['Phản ánh ô nhiễm môi trường do cơ sở chế biến thủy sản tại thôn {v} gây ra', 'Kiến nghị về trật tự an toàn giao thông tại ngã ba thôn {v}, xã {c}'],
};
const VILLAGES = ['An Phú', 'Phú Long', 'Tân Hòa', 'Thạnh Đức', 'Bình Thạnh', 'Trường Thọ', 'Hòa Vinh', 'Xuân Yên', 'Vĩnh Lộc', 'Đông Yên', 'Tây Phước', 'Mỹ Thạnh'];
const FIELDS = weighted([['land', 45], ['compensation', 15], ['housing', 7], ['policy', 10], ['justice', 6], ['corruption', 4], ['administration', 7], ['other', 6]] as const);
const CHANNELS = weighted([['post', 40], ['in_person', 25], ['mailbox', 5], ['forwarded', 20], ['online', 8], ['other', 2]] as const);
const REASONS = weighted([['anonymous', 3], ['no_signature_or_address', 8], ['awaiting_result', 12], ['finally_decided', 10], ['insufficient_content', 10], ['already_guided', 8], ['other', 5]] as const);

export const AGENCIES = [
  ['SO-NNMT', 'Sở Nông nghiệp và Môi trường', 'provincial_department'],
  ['SO-XD', 'Sở Xây dựng', 'provincial_department'],
  ['SO-TC', 'Sở Tài chính', 'provincial_department'],
  ['SO-NV', 'Sở Nội vụ', 'provincial_department'],
  ['SO-TP', 'Sở Tư pháp', 'provincial_department'],
  ['SO-YT', 'Sở Y tế', 'provincial_department'],
  ['THANH-TRA', 'Thanh tra tỉnh', 'provincial_department'],
  ['CA-TINH', 'Công an tỉnh', 'provincial_department'],
  ['TAND-TINH', 'Tòa án nhân dân tỉnh', 'court_procuracy'],
  ['VKSND-TINH', 'Viện kiểm sát nhân dân tỉnh', 'court_procuracy'],
  ...COMMUNES.slice(0, 40).map((c) => [`XA-${c.code}`, `UBND ${c.full_name}`, 'commune'] as const),
] as const;

export interface GenerateOptions {
  petitions: number;
  /** The last day anything may be received (the register's today). */
  today: string;
  seed?: number;
}

export interface GenerateResult {
  petitions: number;
  visits: number;
  sessions: number;
  matters: number;
  bytes: number;
}

class Sink {
  #stream: fs.WriteStream;
  #buffer: string[] = [];
  #size = 0;
  bytes = 0;
  constructor(file: string) {
    this.#stream = fs.createWriteStream(file);
  }
  async write(text: string): Promise<void> {
    this.#buffer.push(text);
    this.#size += text.length;
    if (this.#size > 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    const chunk = this.#buffer.join('');
    this.#buffer = [];
    this.#size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.#stream.end();
    await once(this.#stream, 'finish');
  }
}

interface Citizen {
  full_name: string;
  id_number: string | null;
  birth_year: number;
  gender: 'male' | 'female';
  phone: string | null;
  address: string;
  commune_code: string;
}

/**
 * Writes the file. Ten years of petitions end at `today`, growing a little each year; about one
 * petition in three arrives through a visit of a reception session.
 */
export async function generateRegisterFile(file: string, options: GenerateOptions): Promise<GenerateResult> {
  const random = prng(options.seed ?? 20261130);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const N = options.petitions;
  const start = addDays(options.today, -3650);
  const days: string[] = [];
  for (let d = start; d <= options.today; d = addDays(d, 1)) if (dayOfWeek(d) <= 5) days.push(d);
  // The i-th petition's day: more petitions in later years (growth of about 5 % a year).
  const dayIndexOf = (i: number) => Math.min(days.length - 1, Math.floor(((i + 0.5) / N) ** 0.9 * days.length));
  const dayOf = (i: number) => days[dayIndexOf(i)]!;

  const citizens: Citizen[] = [];
  const ids = new Set<string>();
  function newCitizen(): Citizen {
    const gender = random() < 0.55 ? 'male' : 'female';
    const middle = gender === 'male' ? MALE_MIDDLE(random()) : FEMALE_MIDDLE(random());
    const given = pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
    const name = random() < 0.15 ? `${SURNAMES(random())} ${middle} ${pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN)} ${given}` : `${SURNAMES(random())} ${middle} ${given}`;
    const birth = 1940 + int(65);
    let id: string | null = null;
    if (random() < 0.75) {
      do {
        const province = random() < 0.85 ? '051' : pick(['001', '048', '049', '052', '079']);
        id = `${province}${gender === 'male' ? (birth < 2000 ? 0 : 2) : birth < 2000 ? 1 : 3}${String(birth % 100).padStart(2, '0')}${String(int(1_000_000)).padStart(6, '0')}`;
      } while (ids.has(id));
      ids.add(id);
    }
    const commune = pick(COMMUNES);
    const c: Citizen = {
      full_name: name,
      id_number: id,
      birth_year: birth,
      gender,
      phone: random() < 0.6 ? `09${int(10)}${int(10)} ${String(int(1000)).padStart(3, '0')} ${String(int(1000)).padStart(3, '0')}` : null,
      address: `Thôn ${pick(VILLAGES)}, ${commune.full_name}, ${PROVINCE.full_name}`,
      commune_code: commune.code,
    };
    citizens.push(c);
    return c;
  }
  const citizen = () => (citizens.length > 50 && random() < 0.25 ? citizens[int(citizens.length)]! : newCitizen());

  const text = (template: string) =>
    template
      .replace('{c}', pick(COMMUNES).name)
      .replace('{v}', pick(VILLAGES))
      .replace('{n}', String(1 + int(3000)))
      .replace('{t}', String(1 + int(900)))
      .replace('{b}', String(1 + int(60)))
      .replace('{y}', String(1980 + int(30)));

  const sink = new Sink(file);
  await sink.write(`{\n"format": "petition-register/v2",\n"exported_at": "${options.today}T17:00:00+07:00",\n"agencies": [\n`);
  await sink.write(AGENCIES.map(([code, name, kind]) => JSON.stringify({ code, name, kind, active: true })).join(',\n'));

  // Plan the matters first (small records), then write sessions, matters, visits, petitions in
  // that order, each array streamed.
  interface PlannedPetition {
    i: number;
    matter: number;
    repeatOf: number | null;
    visit: number | null;
  }
  const matterOf: { kind: string; field: string; title: string; first: string; citizen: Citizen; summary: string; subject: string | null }[] = [];
  const plan: PlannedPetition[] = [];
  const visits: { session: string; day: string; matter: number; citizen: Citizen; persons: number; delegation: number | null; repeat: boolean; outcome: string; content: string; kind: string }[] = [];
  const openMatters: number[] = [];
  for (let i = 0; i < N; i++) {
    const day = dayOf(i);
    let matter: number;
    let repeatOf: number | null = null;
    if (openMatters.length > 20 && random() < 0.3) {
      matter = openMatters[openMatters.length - 1 - int(Math.min(openMatters.length, 2000))]!;
      repeatOf = matter;
    } else {
      const field = FIELDS(random());
      const kind = field === 'corruption' || random() < 0.08 ? 'denunciation' : random() < 0.6 ? 'complaint' : 'recommendation';
      const summary = text(pick(TEMPLATES[field]!));
      matter = matterOf.length;
      matterOf.push({ kind, field, title: summary.slice(0, 200), first: day, citizen: citizen(), summary, subject: random() < 0.7 ? text(pick(SUBJECTS)) : null });
      openMatters.push(matter);
    }
    let visit: number | null = null;
    if (random() < 0.3) {
      const m = matterOf[matter]!;
      const delegation = random() < 0.04 ? 5 + int(20) : null;
      visit = visits.length;
      visits.push({ session: day, day, matter, citizen: m.citizen, persons: delegation ?? 1 + int(2), delegation, repeat: repeatOf !== null, outcome: 'petition_received', content: m.summary, kind: m.kind });
    }
    plan.push({ i, matter, repeatOf, visit });
  }
  // Visits without a petition (guided or explained at the desk).
  const extraVisits = Math.round(N * 0.1);
  for (let k = 0; k < extraVisits; k++) {
    const day = dayOf(int(N));
    const field = FIELDS(random());
    const summary = text(pick(TEMPLATES[field]!));
    const matter = matterOf.length;
    const kind = random() < 0.6 ? 'complaint' : 'recommendation';
    matterOf.push({ kind, field, title: summary.slice(0, 200), first: day, citizen: citizen(), summary, subject: null });
    visits.push({ session: day, day, matter, citizen: matterOf[matter]!.citizen, persons: 1, delegation: null, repeat: false, outcome: random() < 0.5 ? 'guided' : 'explained', content: summary, kind });
  }
  for (const v of visits) if (v.day < matterOf[v.matter]!.first) matterOf[v.matter]!.first = v.day;

  const sessionDays = [...new Set(visits.map((v) => v.day))].sort();
  await sink.write('\n],\n"sessions": [\n');
  for (const [k, day] of sessionDays.entries()) {
    const kind = day.endsWith('-15') ? 'periodic' : 'regular';
    const session = { ref: `S${day}`, kind, date: day, host: kind === 'periodic' ? 'Chủ tịch UBND tỉnh' : 'Phó Trưởng Ban Tiếp công dân tỉnh', host_name: kind === 'periodic' ? 'Võ Thanh Tùng' : 'Trần Minh Quang', location: 'Trụ sở Tiếp công dân tỉnh', officers: ['Lê Thị Thu Hà'] };
    await sink.write((k ? ',\n' : '') + JSON.stringify(session));
  }
  await sink.write('\n],\n"matters": [\n');
  for (const [k, m] of matterOf.entries()) {
    const record = { ref: `M${k}`, kind: m.kind, field: m.field, title: m.title, case_commune_code: m.citizen.commune_code, arrival_state: 'unresolved', complaint_level: m.kind === 'complaint' ? 'first' : null, decided_by: null, first_seen_on: m.first, seen_before: false, merged_into: null };
    await sink.write((k ? ',\n' : '') + JSON.stringify(record));
  }
  await sink.write('\n],\n"visits": [\n');
  for (const [k, v] of visits.entries()) {
    const representative = v.citizen;
    const record = {
      ref: `V${k}`,
      session: `S${v.session}`,
      persons: v.persons,
      delegation: v.delegation === null ? null : { members: v.delegation, representatives: [representative] },
      citizen: representative,
      matter: v.kind,
      content: v.content,
      repeat: v.repeat,
      outcome: v.outcome,
      matter_ref: `M${v.matter}`,
    };
    await sink.write((k ? ',\n' : '') + JSON.stringify(record));
  }
  await sink.write('\n],\n"petitions": [\n');
  const firstPetitionOfMatter = new Map<number, number>();
  const agencyCodes = AGENCIES.map(([code]) => code);
  for (const p of plan) {
    const m = matterOf[p.matter]!;
    const received = dayOf(p.i);
    const age = days.length - 1 - dayIndexOf(p.i); // working days since receipt
    const channel = p.visit !== null ? 'in_person' : CHANNELS(random());
    const original = firstPetitionOfMatter.get(p.matter);
    if (original === undefined) firstPetitionOfMatter.set(p.matter, p.i);
    const anonymous = m.kind === 'denunciation' && p.visit === null && random() < 0.05;
    const petitioners = anonymous ? [] : [m.citizen];
    let classification: unknown = null;
    let decision: unknown = null;
    let reply: unknown = null;
    const reminders: unknown[] = [];
    // Each step happens a few days after the one before, and only if that day is already past.
    const on = (n: number) => addDays(received, n);
    const past = (n: number) => on(n) <= options.today;
    if (past(3) && (age > 6 || random() < 0.5)) {
      const duplicate = original !== undefined && random() < 0.5;
      const eligible = !duplicate && random() < 0.7;
      classification = eligible
        ? { eligible: true, on: on(3) }
        : duplicate
          ? { eligible: false, reason: 'duplicate', duplicate_of: `P${original}`, note: null, on: on(3) }
          : (() => {
              const reason = anonymous ? 'anonymous' : REASONS(random());
              return { eligible: false, reason, duplicate_of: null, note: reason === 'other' ? 'Đơn gửi nhiều nơi, đã có cơ quan thụ lý' : null, on: on(3) };
            })();
      if (past(6) && (age > 12 || random() < 0.4)) {
        const action = eligible ? (random() < 0.7 ? 'forward' : random() < 0.5 ? 'guide' : 'accept') : random() < 0.8 ? 'file' : 'return';
        const agency = action === 'forward' || action === 'guide' ? pick(agencyCodes) : null;
        decision = { action, on: on(6), agency, document_no: action === 'forward' || action === 'guide' ? `${1 + int(9000)}/BTCD-NV` : null, note: null };
        if (action === 'forward') {
          const replyDay = 30 + int(40);
          if (past(replyDay) && age > 40 && random() < 0.85) reply = { on: on(replyDay), document_no: `${1 + int(900)}/BC-UBND`, summary: 'Đã xem xét, giải quyết theo thẩm quyền', outcome: random() < 0.6 ? 'resolved' : 'rejected' };
          else if (past(50) && age > 50) reminders.push({ on: on(50), document_no: `${1 + int(900)}/BTCD-NV` });
        }
      }
    }
    const petition = {
      ref: `P${p.i}`,
      register_no: null,
      received_on: received,
      channel,
      visit: p.visit === null ? null : `V${p.visit}`,
      forwarded_by: channel === 'forwarded' ? { agency: pick(['Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Ban Tiếp công dân Trung ương', 'Thanh tra Chính phủ']), letter_no: `${1 + int(900)}/CV`, letter_date: addDays(received, -3 - int(10)) } : null,
      written_on: null,
      kind: m.kind,
      field: m.field,
      signatories: 1,
      petitioners,
      subject: m.subject,
      summary: p.repeatOf === null ? m.summary : `${m.summary} (gửi lần ${2 + int(3)})`,
      classification,
      decision,
      reply,
      reminders,
      contents: [{ matter_ref: `M${p.matter}`, kind: m.kind, field: m.field, summary: m.summary, needs_split: false }],
    };
    await sink.write((p.i ? ',\n' : '') + JSON.stringify(petition));
  }
  await sink.write('\n]\n}\n');
  await sink.close();
  return { petitions: N, visits: visits.length, sessions: sessionDays.length, matters: matterOf.length, bytes: sink.bytes };
}
