// The audit rows of the leader's approval (draft, approve, send_back, withdraw_draft; db/ops/
// approvals.ts, approval-drafts.ts) in words, for a petition's audit trail.
import { formatDateVN } from '../../../../shared/calendar/dates.ts';
import type { Approval } from '../../../../shared/domain/approval.ts';

export const APPROVAL_AUDIT_ACTIONS: readonly string[] = ['draft', 'approve', 'send_back', 'withdraw_draft'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The draft an audit row carries: `after.draft`, `after.detail.draft`, or the row itself. */
function draftOf(after: unknown): Partial<Approval> & { edited?: boolean } | null {
  if (!isObject(after)) return null;
  const detail = isObject(after.detail) ? after.detail : null;
  const found = (isObject(after.draft) ? after.draft : null) ?? (detail && isObject(detail.draft) ? detail.draft : null) ?? ('title' in after ? after : null);
  if (!found) return null;
  const edited = after.edited === true || detail?.edited === true;
  return { ...(found as Partial<Approval>), edited };
}

export function describeApprovalStep(action: string, after: unknown): string[] {
  const d = draftOf(after);
  if (!d) return [];
  const lines = d.title ? [d.title] : [];
  if (action === 'draft') lines.push(d.edited ? 'Sửa dự thảo bị trả lại, gửi duyệt lại' : 'Gửi lãnh đạo duyệt (chưa cấp số)');
  else if (action === 'approve') lines.push(`Duyệt, số ${d.documentNo ?? '—'}${d.signedOn ? `, ngày ký ${formatDateVN(d.signedOn)}` : ''}`);
  else if (action === 'send_back') lines.push(`Trả lại, lý do: ${d.returnReason ?? ''}`);
  else if (action === 'withdraw_draft') lines.push('Rút dự thảo');
  return lines;
}
