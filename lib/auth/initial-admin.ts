import "server-only";
/**
 * The first admin from REDSTRING_ADMIN_EMAIL / REDSTRING_ADMIN_PASSWORD, created by the migrate deploy
 * step (`npm run migrate`, graph-seed/bootstrap.ts) while no user exists. Once anyone exists it does nothing: changing the variables later
 * never resets a password or adds a second admin behind the admin page's back.
 */
import { getConfig } from "../config";
import { runRead, runWrite } from "../db/session";
import { hashPassword } from "./passwords";
import { isConstraintViolation } from "../db/errors";
import { countUsers, insertUser, newUserId } from "./records";

export async function ensureInitialAdmin(): Promise<void> {
  const admin = getConfig().initialAdmin;
  if (!admin || (await runRead(countUsers)) > 0) return;
  const passwordHash = await hashPassword(admin.password);
  try {
    await runWrite((tx) =>
      insertUser(tx, { id: newUserId(), email: admin.email, name: "Administrator", role: "admin", passwordHash, setupMarker: "first" }),
    );
    console.info(`[redstring] created the first admin, ${admin.email.toLowerCase()}`);
  } catch (cause) {
    if (!isConstraintViolation(cause)) throw cause; // another server process created it first
  }
}
