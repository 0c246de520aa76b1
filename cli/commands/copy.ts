// `petreg copy FROM TO`: moves a register between engines (a SQLite file and a PostgreSQL
// database, either way) or to a new file, whole, and checks the copy by comparing both exports
// (db/copy.ts). The target must be new or empty; the source is only read.
import path from 'node:path';
import { copyRegister } from '../../db/copy.ts';
import { displayLocation, isPostgresLocation } from '../../db/engine/location.ts';
import { UserError, type Command } from '../command.ts';

const USAGE = 'petreg copy NGUỒN ĐÍCH   (mỗi bên: đường dẫn tệp .sqlite hoặc postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu)';

const locationOf = (value: string) => (isPostgresLocation(value) ? value.trim() : path.resolve(value));

export const copyCommand: Command = {
  name: 'copy',
  usage: USAGE,
  maxPositionals: 2,
  summary: 'chép toàn bộ sổ sang nơi khác (SQLite ↔ PostgreSQL) vào một sổ mới hoặc trống, rồi đối chiếu hai bản xuất; sổ nguồn chỉ được đọc',
  async run({ positionals, io }) {
    const [from, to] = positionals;
    if (!from || !to) throw new UserError(`Thiếu sổ nguồn hoặc sổ đích. Cách dùng: ${USAGE}`);
    const started = Date.now();
    const result = await copyRegister(locationOf(from), locationOf(to));
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    io.out(`Đã chép sổ ${displayLocation(locationOf(from))} sang ${displayLocation(locationOf(to))}: ${result.rows.petitions ?? 0} đơn, ${total} dòng dữ liệu (${((Date.now() - started) / 1000).toFixed(1)} giây).`);
    io.out('Đối chiếu: bản xuất của hai sổ giống hệt nhau.');
  },
};
