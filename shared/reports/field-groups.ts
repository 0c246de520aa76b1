// The register keeps finer fields than the official forms; each maps to exactly one official
// group (reports.md, "Fields"). The Board may change the mapping in settings.
import { FIELDS, type Field } from '../domain/petition.ts';
import { FIELD_GROUPS, type FieldGroup } from './model.ts';

export const DEFAULT_FIELD_GROUPS: Record<Field, FieldGroup> = {
  land: 'admin_land',
  housing: 'admin_land',
  // Compensation, support and resettlement on land recovery is a land matter in the forms.
  compensation: 'admin_land',
  policy: 'admin_policy',
  justice: 'justice',
  corruption: 'corruption',
  administration: 'admin_civil_service',
  other: 'other',
};

/** A complete mapping: every field of the register to one official group (defaults fill the gaps). */
export function fieldGroupMapping(overrides: Partial<Record<string, string>> = {}): Record<Field, FieldGroup> {
  const out = { ...DEFAULT_FIELD_GROUPS };
  for (const field of FIELDS) {
    const group = overrides[field];
    if (group && (FIELD_GROUPS as readonly string[]).includes(group)) out[field] = group as FieldGroup;
  }
  return out;
}
