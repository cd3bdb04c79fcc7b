/**
 * Signed-out reading for integration tests, switched through the app's own setting (lib/settings/instance.ts,
 * as the admin page does), never by writing the record by hand. A new instance has it off; every test
 * that turns it on turns it off again (publicReadOff in afterEach/afterAll), so other files start private.
 */
import type { Actor } from "@/lib/auth/roles";
import { forgetInstanceSettingsCache, updateInstanceSettings } from "@/lib/settings/instance";

/** An admin as the permission check sees it (users:manage); the setting records its id as the author. */
const SETTINGS_ADMIN: Actor = { user: { id: "test-settings-admin", email: "test-settings-admin@example.test", name: "Test admin", role: "admin" } };

export async function setPublicRead(publicRead: boolean): Promise<void> {
  await updateInstanceSettings(SETTINGS_ADMIN, { publicRead });
  forgetInstanceSettingsCache();
}

export const publicReadOn = () => setPublicRead(true);
export const publicReadOff = () => setPublicRead(false);
