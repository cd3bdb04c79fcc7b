/** The browser's calls for the admin settings page (app/admin/settings). */
import { requestJson } from "../api-client";
import type { InstanceSettings } from "./instance";

export const updateSettingsApi = (change: { publicRead: boolean }) =>
  requestJson<InstanceSettings>("/api/admin/settings", { method: "PATCH", body: change });
