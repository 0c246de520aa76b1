// Being built.
export function PetitionIntakePage(_props: { visitId: number | null }) {
  return null;
}
