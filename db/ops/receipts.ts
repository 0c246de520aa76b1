// The receipt of form 02/TCD (Decree 154/2026/NĐ-CP) recorded for a petition: the hour, the receiver
// and their title, and the items handed in. Saving replaces the whole receipt in one transaction with
// its audit row.
import type { Kysely } from 'kysely';
import type { Receipt, receiptSaveSchema } from '../../shared/domain/receipt.ts';
import type { ReceiptItemState } from '../../shared/documents/legal.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB } from '../schema.ts';

export async function getReceipt(db: Kysely<DB>, petitionId: number): Promise<Receipt | null> {
  const head = await db.selectFrom('receipts').selectAll().where('petition_id', '=', petitionId).executeTakeFirst();
  if (!head) return null;
  const items = await db.selectFrom('receipt_items').select(['name', 'pages', 'state']).where('petition_id', '=', petitionId).orderBy('position').execute();
  return {
    petitionId,
    time: head.time,
    receiverName: head.receiver_name,
    receiverTitle: head.receiver_title,
    items: items.map((i) => ({ name: i.name, pages: i.pages, state: i.state as ReceiptItemState })),
    updatedAt: head.updated_at,
  };
}

export function saveReceipt(ctx: OpContext, input: z.output<typeof receiptSaveSchema>): Promise<Receipt> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const petition = await trx.selectFrom('petitions').select(['id', 'register_no']).where('id', '=', input.petitionId).executeTakeFirst();
    if (!petition) throw new ApiError('NOT_FOUND', `Không có đơn mã số ${input.petitionId}`, [{ path: 'petitionId', message: 'Đơn không có' }]);
    const before = await getReceipt(trx, input.petitionId);
    const now = ctx.register.now().toISOString();
    await trx.deleteFrom('receipt_items').where('petition_id', '=', input.petitionId).execute();
    await trx
      .insertInto('receipts')
      .values({ petition_id: input.petitionId, time: input.time, receiver_name: input.receiverName, receiver_title: input.receiverTitle, updated_at: now })
      .onConflict((oc) => oc.column('petition_id').doUpdateSet({ time: input.time, receiver_name: input.receiverName, receiver_title: input.receiverTitle, updated_at: now }))
      .execute();
    await trx
      .insertInto('receipt_items')
      .values(input.items.map((item, position) => ({ petition_id: input.petitionId, position, name: item.name, pages: item.pages, state: item.state })))
      .execute();
    const after = (await getReceipt(trx, input.petitionId))!;
    await writeAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'receipt', entityId: String(input.petitionId), before, after: { ...after, registerNo: petition.register_no } });
    return after;
  });
}
