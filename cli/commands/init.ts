import { openRegister } from '../../db/register.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import type { Command } from '../command.ts';

export const initCommand: Command = {
  name: 'init',
  usage: 'petreg init [--db FILE]',
  summary: 'tạo sổ mới, hoặc nâng cấp sổ có sẵn lên lược đồ mới nhất',
  async run({ dbPath, io }) {
    const register = await openRegister({ path: dbPath });
    try {
      io.out(`Sổ đã sẵn sàng: ${dbPath} (lược đồ ${register.schemaVersion()}/${LATEST_SCHEMA_VERSION}).`);
    } finally {
      await register.close();
    }
  },
};
