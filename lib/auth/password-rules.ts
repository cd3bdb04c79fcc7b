/** Password lengths, shared by the server's checks (lib/auth/passwords.ts) and the forms that hint at them. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
