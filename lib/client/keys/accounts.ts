/** Cache keys of the account pages (TanStack Query): an admin's change to a user invalidates `accountKeys.users()`. */
export const accountKeys = {
  all: ["accounts"] as const,
  users: () => ["accounts", "users"] as const,
};
