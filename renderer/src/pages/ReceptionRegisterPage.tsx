// Being built.
export function ReceptionRegisterPage() {
  return null;
}
