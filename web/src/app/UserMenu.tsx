// The signed-in user, their role, and signing in or out: filled in by the session feature.
export function UserMenu() {
  return null;
}
