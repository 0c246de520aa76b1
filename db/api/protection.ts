// API methods of denouncer protection: a permitted officer reveals an identity, audited.
import { revealPetitionDenouncer, revealVisitDenouncer } from '../protection.ts';
import type { HandlerTable } from './table.ts';

export function registerProtectionMethods(t: HandlerTable): void {
  t.method('petitions.revealDenouncer', (input, ctx) => revealPetitionDenouncer(ctx, input.id));
  t.method('visits.revealDenouncer', (input, ctx) => revealVisitDenouncer(ctx, input.id));
}
