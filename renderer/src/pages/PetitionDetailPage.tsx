// Being built.
export function PetitionDetailPage(_props: { petitionId: number }) {
  return null;
}
