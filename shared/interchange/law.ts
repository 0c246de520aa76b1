// The 2026 law's additions to the interchange file, as optional fields the v1 contract allows:
// how the head's sessions were hosted, a refusal's ground and the body that already handled a
// visit's case, and the inspection flag of an anonymous denunciation's forward. Absent fields
// read as before (a v1 periodic or ad hoc session is received by the head in person).
import { z } from '../validation.ts';
import { sessionUpsertSchema, visitSaveSchema } from '../domain/reception.ts';

/** Session fields (snake_case, as the file writes them). */
export const SESSION_LAW_FIELDS = {
  host_mode: sessionUpsertSchema.shape.hostMode.optional(),
  delegate_name: sessionUpsertSchema.shape.delegateName.optional(),
  delegate_title: sessionUpsertSchema.shape.delegateTitle.optional(),
  online_of: sessionUpsertSchema.shape.onlineOf.optional(),
};
export const VISIT_LAW_FIELDS = {
  refusal_ground: visitSaveSchema.shape.refusalGround.optional(),
  handled_by: visitSaveSchema.shape.handledBy.optional(),
};
export const DECISION_LAW_FIELDS = {
  to_inspection: z.boolean({ error: 'to_inspection phải là true hoặc false' }).optional(),
};

export interface SessionLawFields {
  host_mode?: 'in_person' | 'delegated';
  delegate_name?: string;
  delegate_title?: string;
  online_of?: 'regular' | 'periodic' | 'adhoc';
}
export interface VisitLawFields {
  refusal_ground?: string;
  handled_by?: string;
}
export interface DecisionLawFields {
  to_inspection?: boolean;
}

/**
 * Only what is set is written, so a register without the new facts exports the v1 file it did;
 * "in person" is what an absent host_mode means for the head's sessions, so it is not written.
 */
export function sessionLawOut(s: { hostMode: string | null; delegateName: string | null; delegateTitle: string | null; onlineOf: string | null }): SessionLawFields {
  return {
    ...(s.hostMode === 'delegated' ? { host_mode: 'delegated' as const } : {}),
    ...(s.delegateName ? { delegate_name: s.delegateName } : {}),
    ...(s.delegateTitle ? { delegate_title: s.delegateTitle } : {}),
    ...(s.onlineOf ? { online_of: s.onlineOf as SessionLawFields['online_of'] } : {}),
  };
}
export function visitLawOut(v: { refusalGround: string | null; handledBy: string | null }): VisitLawFields {
  return { ...(v.refusalGround ? { refusal_ground: v.refusalGround } : {}), ...(v.handledBy ? { handled_by: v.handledBy } : {}) };
}
export function decisionLawOut(toInspection: boolean): DecisionLawFields {
  return toInspection ? { to_inspection: true } : {};
}
/** The core's input fields from a parsed file record. */
export function sessionLawIn(s: { host_mode?: string | null; delegate_name?: string | null; delegate_title?: string | null; online_of?: string | null }) {
  return { hostMode: s.host_mode ?? null, delegateName: s.delegate_name ?? null, delegateTitle: s.delegate_title ?? null, onlineOf: s.online_of ?? null };
}
export function visitLawIn(v: { refusal_ground?: string | null; handled_by?: string | null }) {
  return { refusalGround: v.refusal_ground ?? null, handledBy: v.handled_by ?? null };
}
