// Being built.
export function ReceptionPage() {
  return null;
}
