// A letter whose first content is a complaint and whose second is a denunciation: its petitioner is
// a denouncer too. The list shows the protected label, and the forwarding slip sent to the agency
// names no one, though the petition's own kind (its first content's) is a complaint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTECTED_LABEL } from '../../shared/domain/protection.ts';
import { petitionInput } from '../helpers/intake.ts';
import { agencyByCode, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
let petitionId: number;

beforeAll(async () => {
  t = await workflowRegister('2026-03-20');
  await t.client.settings.update({ signerName: 'Nguyễn Văn Ký' });
  const p = await t.client.petitions.create(
    petitionInput({
      receivedOn: '2026-03-16',
      kind: 'complaint',
      field: 'land',
      summary: 'Khiếu nại quyết định thu hồi đất',
      contents: [{ kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính nhận tiền để xác nhận sai nguồn gốc đất' }],
    }),
  );
  petitionId = p.id;
  const agency = await agencyByCode(t, 'SO-NNMT');
  await t.client.workflow.classify({ petitionId, eligible: true, on: '2026-03-17' });
  await t.client.workflow.decide({ petitionId, action: 'forward', agencyId: agency.id, on: '2026-03-18' });
});

afterAll(async () => {
  await t?.cleanup();
});

describe('a denunciation in a second content', () => {
  it('hides the petitioner in the list and the detail', async () => {
    const list = await t.client.petitions.list({});
    expect(list.rows.find((r) => r.id === petitionId)!.petitionerNames).toBe(PROTECTED_LABEL);
    const detail = await t.client.petitions.get({ id: petitionId });
    expect(JSON.stringify(detail.petition.petitioners)).not.toContain('Nguyễn Văn Đức');
  });

  it('sends the agency a slip that names no one', async () => {
    const slip = await t.client.documents.render({ kind: 'forward', petitionId });
    expect(slip.html).not.toContain('Nguyễn Văn Đức');
    expect(slip.html).not.toContain('051065001234');
    expect(slip.html).toContain('Sở Nông nghiệp và Môi trường');
  });
});
