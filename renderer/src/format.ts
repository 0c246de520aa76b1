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
  create: 'Thêm mới',
  update: 'Sửa',
  delete: 'Xóa',
  seed: 'Khởi tạo dữ liệu mặc định',
  print: 'In',
  import: 'Nhập dữ liệu',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  agency: 'Cơ quan',
  settings: 'Cài đặt',
  user: 'Cán bộ',
  register: 'Sổ',
};
