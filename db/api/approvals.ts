// API methods of the leader's approval of outgoing documents (issue 14 item 3): a record's drafts,
// the to-do lists, approve, send back, withdraw. The permission (`approve` for the leader's two
// acts) is checked by the dispatch before these run (shared/domain/permissions.ts).
import { permissionsOf } from '../../shared/domain/permissions.ts';
import { approvalTodo, approveDraft, listApprovals, sendBackDraft, withdrawDraft } from '../ops/approvals.ts';
import { getUser } from '../ops/users.ts';
import { getApproval } from '../ops/approval-drafts.ts';
import { canSeeProtected } from '../protection.ts';
import { recordPrint } from '../../print/load.ts';
import { loadDraftDocument } from '../../print/draft.ts';
import type { HandlerTable } from './table.ts';

export function registerApprovalMethods(t: HandlerTable): void {
  t.method('approvals.list', (input, { register }) => listApprovals(register.db, input));
  t.method('approvals.todo', async (_input, { register, actor }) => {
    const officer = actor.id === null ? null : await getUser(register.db, actor.id);
    return approvalTodo(register.db, actor.id, permissionsOf(officer).has('approve'));
  });
  t.method('approvals.approve', (input, ctx) => approveDraft(ctx, input));
  t.method('approvals.sendBack', (input, ctx) => sendBackDraft(ctx, input));
  t.method('approvals.withdraw', (input, ctx) => withdrawDraft(ctx, input));
  // A view, audited like a print (action preview_draft), and as a view of a protected denouncer when it shows one.
  t.method('approvals.preview', async (input, ctx) => {
    const draft = await getApproval(ctx.register.db, input.id);
    const doc = await loadDraftDocument(ctx.register, draft, { officer: ctx.actor.id === null ? null : ctx.actor.name, seeProtected: await canSeeProtected(ctx) });
    await recordPrint(ctx, doc, 'html', 'preview_draft');
    const { audit: _audit, showsProtected: _shows, ...rendered } = doc;
    return rendered;
  });
}
