// receipts.get / receipts.save: the items of the receipt (form 02/TCD) recorded for a petition.
import { getReceipt, saveReceipt } from '../ops/receipts.ts';
import type { HandlerTable } from './table.ts';

export function registerReceiptMethods(t: HandlerTable): void {
  t.method('receipts.get', (input, { register }) => getReceipt(register.db, input.petitionId));
  t.method('receipts.save', (input, ctx) => saveReceipt(ctx, input));
}
