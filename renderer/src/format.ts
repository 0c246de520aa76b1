// Display formats for the Vietnamese UI.

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  restore_requested: 'Yêu cầu khôi phục',
  create: 'Thêm mới',
  update: 'Sửa',
  delete: 'Xóa',
  seed: 'Khởi tạo dữ liệu mặc định',
  print: 'In văn bản',
  view_protected: 'Xem danh tính người tố cáo',
  import: 'Nhập dữ liệu',
  classify: 'Phân loại',
  decide: 'Quyết định xử lý',
  reply: 'Ghi kết quả trả lời',
  remind: 'Đôn đốc',
  reverse: 'Hủy (có ghi lý do)',
  demo: 'Tạo dữ liệu mẫu',
  export: 'Xuất tệp',
  forward: 'Chuyển đơn',
  draft: 'Gửi dự thảo chờ duyệt',
  approve: 'Lãnh đạo duyệt văn bản',
  send_back: 'Lãnh đạo trả lại dự thảo',
  withdraw_draft: 'Rút dự thảo',
  preview_draft: 'Xem dự thảo',
};

/** Workflow steps recorded under their own action names (see db/ops/workflow.ts). */
export const WORKFLOW_AUDIT_LABELS: Record<string, string> = {
  classify: 'Phân loại',
  decide: 'Quyết định xử lý',
  reply: 'Ghi kết quả trả lời',
  remind: 'Đôn đốc',
  reverse: 'Hủy (có ghi lý do)',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  backup_settings: 'Thư mục sao lưu',
  agency: 'Cơ quan',
  settings: 'Cài đặt',
  user: 'Cán bộ',
  register: 'Sổ',
  petition: 'Đơn',
  visit: 'Lượt tiếp',
  session: 'Kỳ tiếp',
  holiday: 'Ngày nghỉ',
  attachment: 'Tệp đính kèm',
  statistics: 'Thống kê',
};
