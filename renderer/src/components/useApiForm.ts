// react-hook-form wired to a zod schema from shared/, plus mapping of the API's field issues
// back onto the form's fields, so a rule the core enforces shows next to its input.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../api.ts';

export function useApiForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onSubmit',
  });
}

/** Puts an API error on the form: field issues on their fields, the rest on `root`. */
export function showApiError<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, error: unknown): void {
  if (error instanceof ApiError && error.issues?.length) {
    for (const issue of error.issues) form.setError(issue.path as Path<T>, { type: 'server', message: issue.message });
  }
  form.setError('root' as Path<T>, { type: 'server', message: errorMessage(error) });
}
