// A PostgreSQL server's faults (connection lost, refused login, no database, full disk, another
// desk's lock) as typed errors with a message for the officer. Nothing here talks to the server.
import { ApiError } from '../../shared/errors.ts';
import { displayLocation } from './location.ts';

const PG_CONNECTION_LOST = /^(08|57P)/;

/** A PostgreSQL or network fault as a typed error with a message for the officer, or null. */
export function describePostgresFault(error: unknown, location: string): ApiError | null {
  if (error instanceof ApiError) return error;
  const e = error as { code?: string; message?: string } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = String(e?.message ?? error);
  const where = displayLocation(location);
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|EPIPE)$/.test(code) || PG_CONNECTION_LOST.test(code) || /Connection terminated|timeout exceeded when trying to connect|timeout expired|Client has encountered a connection error/i.test(message)) {
    return new ApiError('STORAGE', `Không kết nối được máy chủ cơ sở dữ liệu ${where} (mất kết nối hoặc máy chủ không chạy). Thao tác vừa rồi không được ghi; ứng dụng tự kết nối lại ở lần thao tác sau — hãy thử lại, hoặc báo quản trị viên kiểm tra máy chủ.`);
  }
  if (code === '28P01' || code === '28000') return new ApiError('STORAGE', `Máy chủ cơ sở dữ liệu ${where} từ chối đăng nhập (sai tên hoặc mật khẩu của cơ sở dữ liệu). Hãy kiểm tra địa chỉ sổ trong Cài đặt.`);
  if (code === '3D000') return new ApiError('STORAGE', `Máy chủ không có cơ sở dữ liệu ${where}. Quản trị viên cần tạo nó trước (xem README: "Nhiều máy dùng chung một sổ").`);
  if (code === '42501') return new ApiError('STORAGE', `Tài khoản cơ sở dữ liệu không có quyền cần thiết trên ${where} (${message}). Không có gì được ghi.`);
  if (code === '53100') return new ApiError('STORAGE', `Ổ đĩa của máy chủ cơ sở dữ liệu ${where} đã đầy. Không có gì được ghi; báo quản trị viên giải phóng dung lượng.`);
  if (code === '55P03' || code === '40001' || code === '40P01') return new ApiError('BUSY', 'Sổ đang bận: một máy khác đang ghi vào sổ. Không có gì được ghi; vui lòng thử lại sau giây lát.');
  if (code === '25006') return new ApiError('STORAGE', `Sổ ${where} đang được mở chỉ để đọc. Không có gì được ghi.`);
  return null;
}


/** A constraint the register's schema enforces (unique, foreign key, check): PostgreSQL's 23xxx. */
export function isPostgresConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^23\d{3}$/.test(code);
}
