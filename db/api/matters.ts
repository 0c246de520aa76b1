// API methods of matters (vụ việc): "same matter?" suggestions, the matter with its arrivals, the
// list, and the officer's edits (update, merge, move, split a content). Thin calls into db/ops.
import { listMatters, matterDetail, mergeMatters, moveToMatter, splitContent, suggestMatters, updateMatter } from '../ops/matters.ts';
import type { HandlerTable } from './table.ts';

export function registerMatterMethods(t: HandlerTable): void {
  t.method('matters.suggest', (input, { register }) => suggestMatters(register.db, input));
  t.method('matters.get', (input, { register }) => matterDetail(register.db, input.id));
  t.method('matters.list', (input, { register }) => listMatters(register.db, input));
  t.method('matters.update', (input, ctx) => updateMatter(ctx, input));
  t.method('matters.merge', (input, ctx) => mergeMatters(ctx, input));
  t.method('matters.move', (input, ctx) => moveToMatter(ctx, input));
  t.method('petitions.splitContent', (input, ctx) => splitContent(ctx, input));
}
