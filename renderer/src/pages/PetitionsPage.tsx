// Being built.
export function PetitionsPage() {
  return null;
}
