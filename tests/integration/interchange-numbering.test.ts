// After importing a register's history, the desk continues each document series where the file
// left it: the next forwarding slip after an imported 15/PC-BTCD is 16/PC-BTCD, not 01.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../db/interchange/import.ts';
import { SYSTEM_ACTOR } from '../../db/context.ts';
import type { Workflow } from '../../shared/domain/workflow.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import { expectOk } from '../helpers/envelope.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/interchange-sample.json');
let t: TempRegister | undefined;
afterEach(() => t?.cleanup());

describe('document numbers after an import', () => {
  it('continue the imported series of the same kind and year', async () => {
    t = await tempRegister({ now: new Date('2026-08-20T03:00:00Z') });
    await importFile(t.register, JSON.parse(fs.readFileSync(FIXTURE, 'utf8')), SYSTEM_ACTOR);
    const agency = (expectOk(await t.api.call('agencies.list', { search: 'SO-NNMT' })) as Agency[])[0]!;
    const petition = expectOk(
      await t.api.call('petitions.create', {
        receivedOn: '2026-08-18',
        channel: 'post',
        kind: 'complaint',
        field: 'land',
        petitioners: [{ fullName: 'Phan Văn Lộc' }],
        summary: 'Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất',
      }),
    ) as Petition;
    expectOk(await t.api.call('workflow.classify', { petitionId: petition.id, eligible: true, on: '2026-08-19' }));
    const workflow = expectOk(
      await t.api.call('workflow.decide', { petitionId: petition.id, action: 'forward', on: '2026-08-20', agencyId: agency.id }),
    ) as Workflow;
    expect(workflow.decisions.at(-1)!.documentNo).toBe('16/PC-BTCD');
  });
});
