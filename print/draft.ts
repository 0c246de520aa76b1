// The preview of a draft waiting for the leader's approval (issue 14 item 3): the document as it
// will read once approved — the drafted decision or reminder laid over the petition's workflow, or
// the notice not yet issued — without a number and marked "DỰ THẢO" across every page. It is for
// reading before approving; it is not printed (no print or PDF is offered for it).
import { formatDateVN } from '../shared/calendar/dates.ts';
import type { Approval } from '../shared/domain/approval.ts';
import type { PetitionKind } from '../shared/domain/petition.ts';
import type { Decision, DecisionAction, Reminder, Workflow } from '../shared/domain/workflow.ts';
import { ApiError } from '../shared/errors.ts';
import { workingDaysAfter } from '../db/ops/holidays.ts';
import { getSettings } from '../db/ops/settings.ts';
import type { Register } from '../db/register.ts';
import { loadDocument, type LoadedDocument, type LoadOptions, type LoadRequest } from './load.ts';

/** A number no stored record has: the drafted record sorts last. */
const DRAFT_ID = Number.MAX_SAFE_INTEGER;

const WATERMARK =
  '<div aria-hidden="true" style="position:fixed;inset:0;display:flex;align-items:center;justify-content:center;pointer-events:none;z-index:10">' +
  '<span style="font:bold 110pt serif;color:rgba(200,0,0,0.15);transform:rotate(-30deg);letter-spacing:8pt">DỰ THẢO</span></div>';

function marked(html: string): string {
  return html.includes('</body>') ? html.replace('</body>', `${WATERMARK}</body>`) : `${html}${WATERMARK}`;
}

export async function loadDraftDocument(register: Register, draft: Approval, options: Omit<LoadOptions, 'draft'> = {}): Promise<LoadedDocument> {
  if (draft.status !== 'pending' && draft.status !== 'returned') {
    throw new ApiError('CONFLICT', `Dự thảo “${draft.title}” đã ${draft.status === 'approved' ? `được duyệt (số ${draft.documentNo})` : 'được rút'}: không còn bản dự thảo để xem; văn bản đã duyệt in ở mục xử lý đơn.`);
  }
  const p = draft.proposal;
  let request: LoadRequest;
  let overlay = (w: Workflow): Workflow => w;
  if (draft.kind === 'decision') {
    const petition = await register.db.selectFrom('petitions').select('kind').where('id', '=', draft.petitionId!).executeTakeFirstOrThrow();
    const replyDays = (await getSettings(register.db)).replyDays[petition.kind as PetitionKind];
    const content = p.contentId
      ? await register.db.selectFrom('petition_contents').select(['id', 'position']).where('id', '=', p.contentId).executeTakeFirst()
      : undefined;
    const decision: Decision = {
      id: DRAFT_ID,
      contentId: content?.id ?? null,
      contentPosition: content?.position ?? 0,
      action: p.action as DecisionAction,
      decidedOn: p.on,
      agency: p.agencyId ? { id: p.agencyId, code: '', name: p.agencyName ?? '' } : null,
      documentNo: null,
      note: p.note ?? null,
      replyDueOn: p.action === 'forward' ? await workingDaysAfter(register.db, p.on, replyDays) : null,
      decidedBy: draft.draftedBy,
      reversed: null,
      toInspection: p.toInspection ?? false,
    };
    request = { kind: draft.documentKind as 'forward' | 'guide' | 'return' | 'urge', petitionId: draft.petitionId! };
    overlay = (w) => ({ ...w, decisions: [...w.decisions, decision] });
  } else if (draft.kind === 'reminder') {
    request = { kind: 'reminder', petitionId: draft.petitionId! };
    overlay = (w) => {
      const forward = w.decisions.filter((d) => d.action === 'forward' && d.reversed === null).at(-1);
      if (!forward) return w;
      const reminder: Reminder = { id: DRAFT_ID, decisionId: forward.id, sentOn: p.on, documentNo: null, recordedBy: draft.draftedBy };
      return { ...w, reminders: [...w.reminders, reminder] };
    };
  } else {
    request = { kind: 'notice', noticeId: draft.noticeId! };
  }
  const doc = await loadDocument(register, request, { ...options, draft: { overlay } });
  return {
    ...doc,
    title: `${doc.title} (dự thảo ngày ${formatDateVN(p.on)})`,
    number: null,
    fileName: doc.fileName.replace(/(\.\w+)$/, '-du-thao$1'),
    html: marked(doc.html),
  };
}
