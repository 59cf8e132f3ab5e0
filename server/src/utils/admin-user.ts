/** The parts of an admin user a name is made from. */
export interface NamedAdmin {
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

/** How the plugin names an admin user everywhere: first and last name, else their e-mail. */
export const adminName = (user: NamedAdmin): string =>
  [user.firstname, user.lastname].filter(Boolean).join(' ') || String(user.email);
