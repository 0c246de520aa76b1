// One person's fields inside a react-hook-form form, at a path such as `citizen` or
// `petitioners.0`: the registry lookup on top, then họ tên, CCCD, năm sinh, giới tính,
// điện thoại, tỉnh -> xã/phường, địa chỉ. Choosing a citizen fills them and keeps its id.
import { Badge, Button, Fieldset, Grid, Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Controller, get, useFormState, useWatch, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { GENDERS, GENDER_LABELS, PERSON_KINDS, PERSON_KIND_LABELS, type CitizenMatch, type Gender, type PersonKind } from '../../../../shared/domain/person.ts';
import { CitizenLookup, looksLikeIdNumber } from './CitizenLookup.tsx';
import { CommunePicker } from './CommunePicker.tsx';
import { emptyPerson, numberOrNull, personToForm, type PersonFormValue } from './util.ts';

const GENDER_OPTIONS = GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }));
const KIND_OPTIONS = PERSON_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }));

export interface PersonFieldsProps<T extends FieldValues> {
  /** Any form holding a person at `name`. */
  form: UseFormReturn<T, unknown, any>;
  /** Path of the person in the form, e.g. `citizen`, `petitioners.0`. */
  name: string;
  legend: ReactNode;
  /** Shown at the right of the legend (e.g. a remove button). */
  actions?: ReactNode;
  withLookup?: boolean;
  /** The lookup gets a dialog's initial focus (`data-autofocus`). */
  lookupAutoFocus?: boolean;
  /** The lookup takes the focus when the block appears (a person just added). */
  focusOnMount?: boolean;
  /** The registry citizen linked to this person changed (picked, new or unlinked). */
  onCitizenChange?(citizenId: number | null): void;
  /** Where the focus goes after an existing citizen was picked; default the phone field. */
  afterPick?(): void;
}

export function PersonFields<T extends FieldValues>({
  form,
  name,
  legend,
  actions,
  withLookup = true,
  lookupAutoFocus,
  focusOnMount,
  onCitizenChange,
  afterPick,
}: PersonFieldsProps<T>) {
  const path = (field: keyof PersonFormValue) => `${name}.${field}` as Path<T>;
  const { errors } = useFormState({ control: form.control, name: name as Path<T> });
  const error = (field: keyof PersonFormValue): string | undefined => (get(errors, `${name}.${field}`) as { message?: string } | undefined)?.message;
  const citizenId = useWatch({ control: form.control, name: path('citizenId') }) as number | null;
  const kind = ((useWatch({ control: form.control, name: path('kind') }) as PersonKind | undefined) ?? 'citizen') as PersonKind;
  const [issuedOn, issuedPlace] = useWatch({ control: form.control, name: [path('idIssuedOn'), path('idIssuedPlace')] }) as [string | undefined, string | undefined];
  const [extraOpen, setExtraOpen] = useState(false);
  // Open by itself for a foreigner or an organisation, or when the ID's issue is already written.
  const showExtra = extraOpen || kind !== 'citizen' || Boolean(issuedOn) || Boolean(issuedPlace);

  const fill = (person: PersonFormValue) => {
    for (const [key, value] of Object.entries(person)) form.setValue(path(key as keyof PersonFormValue), value as never, { shouldDirty: true });
    form.clearErrors(name as Path<T>);
    onCitizenChange?.(person.citizenId);
  };
  const later = (fn: () => void) => window.setTimeout(fn, 0);

  const pick = (c: CitizenMatch) => {
    fill(personToForm({ ...c, citizenId: c.id }));
    later(() => (afterPick ? afterPick() : form.setFocus(path('phone'))));
  };
  const startNew = (typed: string) => {
    const byId = looksLikeIdNumber(typed);
    fill(emptyPerson(byId ? { idNumber: typed.replace(/\s+/g, '') } : { fullName: typed }));
    later(() => form.setFocus(path(typed && !byId ? 'idNumber' : 'fullName')));
  };

  return (
    <Fieldset
      legend={
        <Group gap="xs" wrap="nowrap">
          <Text fw={500} size="sm">{legend}</Text>
          {actions}
        </Group>
      }
      variant="filled"
      p="sm"
      pt={4}
    >
      <Grid gap="xs">
        {withLookup && (
          <Grid.Col span={12}>
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <div style={{ flex: 1 }}>
                <CitizenLookup onPick={pick} onNew={startNew} autoFocus={lookupAutoFocus} focusOnMount={focusOnMount} />
              </div>
              {citizenId !== null && citizenId !== undefined ? (
                <Group gap={6} wrap="nowrap" mb={6}>
                  <Badge variant="light" color="green">Đã có trong sổ công dân, mã số {citizenId}</Badge>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => {
                      form.setValue(path('citizenId'), null as never, { shouldDirty: true });
                      onCitizenChange?.(null);
                    }}
                  >
                    Bỏ liên kết
                  </Button>
                </Group>
              ) : (
                <Badge variant="light" color="gray" mb={6}>Công dân mới</Badge>
              )}
            </Group>
          </Grid.Col>
        )}
        <Grid.Col span={5}>
          <TextInput label={kind === 'organisation' ? 'Tên cơ quan, tổ chức' : 'Họ và tên'} withAsterisk autoComplete="off" {...form.register(path('fullName'))} error={error('fullName')} />
        </Grid.Col>
        {kind === 'organisation' ? (
          <>
            <Grid.Col span={3}>
              <TextInput label="Mã số thuế/số đăng ký" autoComplete="off" {...form.register(path('orgRegNo'))} error={error('orgRegNo')} />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput label="Người đại diện (họ tên, chức vụ)" autoComplete="off" {...form.register(path('representative'))} error={error('representative')} />
            </Grid.Col>
          </>
        ) : (
          <>
            <Grid.Col span={3}>
              <TextInput label={kind === 'foreigner' ? 'Số hộ chiếu' : 'Số CCCD'} autoComplete="off" {...form.register(path('idNumber'))} error={error('idNumber')} />
            </Grid.Col>
            {kind === 'foreigner' && (
              <Grid.Col span={3}>
                <TextInput label="Quốc tịch" withAsterisk autoComplete="off" {...form.register(path('nationality'))} error={error('nationality')} />
              </Grid.Col>
            )}
            <Grid.Col span={2}>
              <Controller
                control={form.control}
                name={path('birthYear')}
                render={({ field }) => (
                  <NumberInput
                    ref={field.ref}
                    label="Năm sinh"
                    hideControls
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator={false}
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(numberOrNull(v))}
                    onBlur={field.onBlur}
                    error={error('birthYear')}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={2}>
              <Controller
                control={form.control}
                name={path('gender')}
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Giới tính"
                    data={GENDER_OPTIONS}
                    value={field.value ?? null}
                    onChange={(v) => field.onChange((v as Gender | null) ?? null)}
                    onBlur={field.onBlur}
                    error={error('gender')}
                  />
                )}
              />
            </Grid.Col>
          </>
        )}
        <Grid.Col span={3}>
          <TextInput label="Điện thoại" autoComplete="off" {...form.register(path('phone'))} error={error('phone')} />
        </Grid.Col>
        <Controller
          control={form.control}
          name={path('communeCode')}
          render={({ field }) => (
            <CommunePicker
              value={field.value ?? null}
              onChange={field.onChange}
              communeRef={field.ref}
              error={error('communeCode')}
              layout={(province, commune) => (
                <>
                  <Grid.Col span={3}>{province}</Grid.Col>
                  <Grid.Col span={3}>{commune}</Grid.Col>
                </>
              )}
            />
          )}
        />
        <Grid.Col span={3}>
          <TextInput label="Địa chỉ" placeholder="Thôn, tổ, số nhà" autoComplete="off" {...form.register(path('address'))} error={error('address')} />
        </Grid.Col>
        {showExtra ? (
          <>
        {kind !== 'organisation' && (
            <>
              <Grid.Col span={3}>
                <TextInput type="date" label="Ngày cấp" {...form.register(path('idIssuedOn'))} error={error('idIssuedOn')} />
              </Grid.Col>
              <Grid.Col span={6}>
                <TextInput label="Nơi cấp" autoComplete="off" {...form.register(path('idIssuedPlace'))} error={error('idIssuedPlace')} />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={3}>
            <Controller
              control={form.control}
              name={path('kind')}
              render={({ field }) => (
                <Select
                  ref={field.ref}
                  label="Loại"
                  data={KIND_OPTIONS}
                  value={(field.value as PersonKind | undefined) ?? 'citizen'}
                  onChange={(v) => field.onChange((v as PersonKind | null) ?? 'citizen')}
                  allowDeselect={false}
                  error={error('kind')}
                />
              )}
            />
          </Grid.Col>
          </>
        ) : (
          <Grid.Col span={12}>
            {/* Out of the tab order: the keyboard path of a citizen's intake stays as it was. */}
            <Button tabIndex={-1} size="compact-xs" variant="subtle" onClick={() => setExtraOpen(true)}>
              Ngày cấp, nơi cấp giấy tờ; người nước ngoài, cơ quan, tổ chức…
            </Button>
          </Grid.Col>
        )}
      </Grid>
    </Fieldset>
  );
}
