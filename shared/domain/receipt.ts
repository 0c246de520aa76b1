// The receipt for information and documents handed in (Giấy biên nhận thông tin, tài liệu, form 02/TCD
// of Decree 154/2026/NĐ-CP): the time, who received them with their title, and each item with its
// name, page count and state. Recorded per petition, then printed.
import { z, optionalText, requiredText } from '../validation.ts';
import { RECEIPT_ITEM_STATES, type ReceiptItemState } from '../documents/legal.ts';

export interface ReceiptItem {
  name: string;
  /** Pages, when counted. */
  pages: number | null;
  state: ReceiptItemState;
}

export interface Receipt {
  petitionId: number;
  /** "09:30": the hour the items were handed in (the day is the petition's received date). */
  time: string | null;
  receiverName: string;
  receiverTitle: string | null;
  items: ReceiptItem[];
  updatedAt: string;
}

const positiveId = z.number({ error: 'Mã đơn phải là số' }).int({ error: 'Mã đơn phải là số nguyên dương' }).positive({ error: 'Mã đơn phải là số nguyên dương' });

export const receiptItemSchema = z.strictObject({
  name: requiredText('Tên thông tin, tài liệu', 300),
  pages: z
    .number({ error: 'Số trang phải là số' })
    .int({ error: 'Số trang phải là số nguyên' })
    .min(1, { error: 'Số trang ít nhất là 1' })
    .max(9999, { error: 'Số trang tối đa 9999' })
    .nullish()
    .transform((v) => v ?? null),
  state: z.enum(RECEIPT_ITEM_STATES, { error: 'Tình trạng tài liệu: bản chính, bản phô tô hoặc bản sao có chứng thực' }),
});

export const receiptSaveSchema = z.strictObject({
  petitionId: positiveId,
  time: optionalText('Giờ nhận', 5).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { error: 'Giờ nhận dạng HH:MM, ví dụ 09:30' }),
  receiverName: requiredText('Họ tên người nhận', 100),
  receiverTitle: optionalText('Chức vụ người nhận', 100),
  items: z.array(receiptItemSchema).min(1, { error: 'Giấy biên nhận cần ít nhất một thông tin, tài liệu' }).max(50, { error: 'Tối đa 50 thông tin, tài liệu' }),
});
export type ReceiptSaveInput = z.input<typeof receiptSaveSchema>;

export const receiptGetSchema = z.strictObject({ petitionId: positiveId });
