import { describe, expect, it } from 'vitest';
import { EMPTY, describeWorkflowStep, diffRecords, formatChange, formatIsoDate, formatValue } from '../../renderer/src/components/petitions/diff.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { Person } from '../../shared/domain/person.ts';

const person = (over: Partial<Person> = {}): Person => ({
  citizenId: 7,
  fullName: 'Nguyễn Văn Đức',
  idNumber: '051090001234',
  birthYear: 1970,
  gender: 'male',
  phone: null,
  address: 'Thôn 2, xã Tịnh Phong',
  communeCode: '21100',
  ...over,
});

const petition = (over: Partial<Petition> = {}): Petition => ({
  id: 12,
  registerNo: '2026/000012',
  receivedOn: '2026-03-05',
  channel: 'in_person',
  visitId: null,
  forwardedBy: null,
  writtenOn: null,
  kind: 'complaint',
  field: 'land',
  signatories: 1,
  petitioners: [person()],
  subject: null,
  summary: 'Khiếu nại việc thu hồi đất đai',
  status: 'awaiting_classification',
  stage: 'awaiting_classification',
  dueOn: '2026-03-19',
  replyDueOn: null,
  createdAt: '2026-03-05T02:00:00.000Z',
  updatedAt: '2026-03-05T02:00:00.000Z',
  ...over,
});

describe('diffRecords', () => {
  it('finds nothing between equal versions, and ignores id and timestamps', () => {
    expect(diffRecords(petition(), petition())).toEqual([]);
    expect(diffRecords(petition(), petition({ id: 13, updatedAt: '2026-04-01T00:00:00.000Z' }))).toEqual([]);
  });

  it('lists a changed text field with its Vietnamese label', () => {
    const changes = diffRecords(petition(), petition({ summary: 'Khiếu nại về bồi thường' }));
    expect(changes).toEqual([
      { path: 'summary', label: 'Tóm tắt nội dung', before: 'Khiếu nại việc thu hồi đất đai', after: 'Khiếu nại về bồi thường' },
    ]);
    expect(formatChange(changes[0]!)).toBe('Tóm tắt nội dung: Khiếu nại việc thu hồi đất đai → Khiếu nại về bồi thường');
  });

  it('shows codes by their labels and dates as dd/mm/yyyy, in the record’s field order', () => {
    const changes = diffRecords(petition(), petition({ receivedOn: '2026-03-06', kind: 'denunciation', field: 'compensation', channel: 'post' }));
    expect(changes.map(formatChange)).toEqual([
      'Ngày nhận đơn: 05/03/2026 → 06/03/2026',
      'Nguồn đơn: Trực tiếp tại trụ sở → Qua bưu điện',
      'Loại đơn: Khiếu nại → Tố cáo',
      'Lĩnh vực: Đất đai → Bồi thường, hỗ trợ, tái định cư',
    ]);
  });

  it('shows a moved deadline (a new date received) as Hạn xử lý', () => {
    expect(diffRecords(petition(), petition({ receivedOn: '2026-03-06', dueOn: '2026-03-20' })).map(formatChange)).toEqual([
      'Ngày nhận đơn: 05/03/2026 → 06/03/2026',
      'Hạn xử lý: 19/03/2026 → 20/03/2026',
    ]);
  });

  it('treats null and blank as the same, and shows them as (trống)', () => {
    expect(diffRecords(petition({ subject: null }), petition({ subject: '' }))).toEqual([]);
    expect(diffRecords(petition({ subject: null }), petition({ subject: 'UBND xã Tịnh Phong' })).map(formatChange)).toEqual([
      `Người, cơ quan bị khiếu nại, tố cáo: ${EMPTY} → UBND xã Tịnh Phong`,
    ]);
  });

  it('goes into a petitioner field by field, numbering petitioners from 1', () => {
    const changes = diffRecords(
      petition({ petitioners: [person(), person({ citizenId: 8, fullName: 'Trần Thị Bé', idNumber: null, gender: 'female' })], signatories: 2 }),
      petition({ petitioners: [person({ idNumber: '051090009999' }), person({ citizenId: 8, fullName: 'Trần Thị Bé', idNumber: null, gender: 'other' })], signatories: 2 }),
    );
    expect(changes.map(formatChange)).toEqual([
      'Người đứng đơn 1 – Số CCCD/hộ chiếu: 051090001234 → 051090009999',
      'Người đứng đơn 2 – Giới tính: Nữ → Khác',
    ]);
  });

  it('shows an added or removed petitioner as one line describing the person', () => {
    const added = diffRecords(petition(), petition({ signatories: 2, petitioners: [person(), person({ citizenId: null, fullName: 'Lê Văn Tám', idNumber: null, address: null })] }));
    expect(added.map(formatChange)).toEqual(['Số người đứng tên: 1 → 2', `Người đứng đơn 2: ${EMPTY} → Lê Văn Tám`]);
    const removed = diffRecords(petition(), petition({ petitioners: [] }));
    expect(removed.map(formatChange)).toEqual([`Người đứng đơn 1: Nguyễn Văn Đức, CCCD 051090001234, Thôn 2, xã Tịnh Phong → ${EMPTY}`]);
  });

  it('describes the forwarding body when it appears, and its fields when they change', () => {
    const fwd = { agency: 'Văn phòng Đoàn ĐBQH tỉnh', letterNo: '45/ĐĐBQH', letterDate: '2026-03-01' };
    expect(diffRecords(petition(), petition({ channel: 'forwarded', forwardedBy: fwd })).map(formatChange)).toEqual([
      'Nguồn đơn: Trực tiếp tại trụ sở → Cơ quan khác chuyển đến',
      `Cơ quan chuyển đơn: ${EMPTY} → Văn phòng Đoàn ĐBQH tỉnh, văn bản số 45/ĐĐBQH, ngày 01/03/2026`,
    ]);
    expect(
      diffRecords(petition({ channel: 'forwarded', forwardedBy: fwd }), petition({ channel: 'forwarded', forwardedBy: { ...fwd, letterNo: '46/ĐĐBQH' } })).map(formatChange),
    ).toEqual(['Số văn bản chuyển: 45/ĐĐBQH → 46/ĐĐBQH']);
  });

  it('copes with records that are not objects (a create has no “before”)', () => {
    expect(diffRecords(null, null)).toEqual([]);
    expect(diffRecords(null, 'x')).toEqual([{ path: '', label: 'Bản ghi', before: EMPTY, after: 'x' }]);
  });

  it('keeps unknown fields, under their own name', () => {
    expect(diffRecords({ a: 1, extra: 'x' }, { a: 1, extra: 'y' })).toEqual([{ path: 'extra', label: 'extra', before: 'x', after: 'y' }]);
  });
});

describe('formatValue / formatIsoDate', () => {
  it('formats booleans, numbers, dates and lists', () => {
    expect(formatValue('repeat', true)).toBe('Có');
    expect(formatValue('repeat', false)).toBe('Không');
    expect(formatValue('signatories', 3)).toBe('3');
    expect(formatIsoDate('2026-12-31')).toBe('31/12/2026');
    expect(formatIsoDate('2026/000001')).toBe('2026/000001');
    expect(formatValue('officers', ['A', 'B'])).toBe('A; B');
    expect(formatValue('officers', [])).toBe(EMPTY);
  });
});

describe('describeWorkflowStep', () => {
  const step = (status: string, detail: unknown) => ({ status, classification: null, decision: null, reply: null, reminders: 0, detail });

  it('classification: eligible or not (with the reason), and the status change', () => {
    expect(describeWorkflowStep('classify', step('awaiting_classification', undefined), step('awaiting_decision', { eligible: true, reason: null }))).toEqual([
      'Đủ điều kiện xử lý',
      'Trạng thái: Chờ phân loại → Chờ quyết định xử lý',
    ]);
    expect(describeWorkflowStep('classify', step('overdue', undefined), step('awaiting_decision', { eligible: false, reason: 'anonymous' }))[0]).toBe(
      'Không đủ điều kiện xử lý: Đơn nặc danh, mạo danh',
    );
  });

  it('decision: what, to whom, the document issued', () => {
    expect(
      describeWorkflowStep('decide', step('awaiting_decision', undefined), step('forwarded', { action: 'forward', documentNo: '05/PC-BTCD', agency: 'Sở Nông nghiệp và Môi trường' })),
    ).toEqual([
      'Hướng xử lý: Chuyển đơn đến cơ quan có thẩm quyền',
      'Cơ quan: Sở Nông nghiệp và Môi trường',
      'Văn bản số 05/PC-BTCD',
      'Trạng thái: Chờ quyết định xử lý → Đã chuyển, chờ trả lời',
    ]);
  });

  it('reply, reminder and reversal', () => {
    expect(describeWorkflowStep('reply', step('forwarded', undefined), step('closed', { outcome: 'partial', onTime: false }))).toEqual([
      'Kết quả: Giải quyết một phần (báo cáo quá hạn)',
      'Trạng thái: Đã chuyển, chờ trả lời → Đã xong',
    ]);
    expect(describeWorkflowStep('remind', step('reply_overdue', undefined), step('reply_overdue', { documentNo: '02/ĐĐ-BTCD' }))).toEqual(['Văn bản đôn đốc số 02/ĐĐ-BTCD']);
    expect(describeWorkflowStep('reverse', step('forwarded', undefined), step('awaiting_decision', { reversed: 'decision', note: 'Chuyển nhầm cơ quan' }))).toEqual([
      'Hủy quyết định xử lý — lý do: Chuyển nhầm cơ quan',
      'Trạng thái: Đã chuyển, chờ trả lời → Chờ quyết định xử lý',
    ]);
  });

  it('copes with shapes it does not know', () => {
    expect(describeWorkflowStep('classify', null, null)).toEqual([]);
    expect(describeWorkflowStep('decide', {}, { detail: { action: 'teleport' } })).toEqual(['Hướng xử lý: teleport']);
  });
});
