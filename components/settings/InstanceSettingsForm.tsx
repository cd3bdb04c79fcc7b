"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { updateSettingsApi } from "@/lib/settings/client";
import type { InstanceSettings } from "@/lib/settings/instance";
import { Alert } from "@/components/ui/Alert";

/**
 * The admin settings page: whether signed-out visitors may read the graph. Saved on change; when
 * REDSTRING_PUBLIC_READ fixes the answer, the box is disabled and the page says so.
 */
export function InstanceSettingsForm({ initial }: { initial: InstanceSettings }) {
  const [settings, setSettings] = useState(initial);
  // Nothing else in the browser caches the setting (the page gets it from the server), so there is no key to update.
  const saving = useMutation({ mutationFn: (change: { publicRead: boolean }) => updateSettingsApi(change) });
  const busy = saving.isPending;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fixed = settings.publicReadFixedBy === "environment";

  async function change(publicRead: boolean) {
    const before = settings;
    // The box follows the click at once (as a checkbox should) and goes back if the save fails.
    setSettings({ ...settings, publicRead });
    setError(null);
    setNotice(null);
    try {
      const saved = await saving.mutateAsync({ publicRead });
      setSettings(saved);
      setNotice(saved.publicRead ? "Signed-out visitors can now read the graph." : "Only signed-in people can read the graph now.");
    } catch (cause) {
      setSettings(before);
      setError(errorMessage(cause, "The setting could not be saved."));
    }
  }

  return (
    <>
      <main className="mx-auto w-full max-w-2xl p-4">
        <h1 className="mb-3 text-xl font-semibold">Settings</h1>
        <section aria-labelledby="reading-heading" className="space-y-2">
          <h2 id="reading-heading" className="font-semibold">Who may read</h2>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              checked={settings.publicRead}
              disabled={fixed || busy}
              aria-describedby="public-read-help"
              onChange={(event) => void change(event.target.checked)}
              className="mt-0.5"
            />
            <span>Let signed-out visitors read the graph</span>
          </label>
          <p id="public-read-help" className="text-sm text-gray-700">
            Search, the explorer, saved queries and the whole-graph export, without an account. Shared links
            (permalinks) are public either way; editing, sharing and importing always need an account.
            {fixed && (
              <>
                {" "}
                <strong>Fixed by the environment:</strong> the server sets <code>REDSTRING_PUBLIC_READ</code>, which
                decides ({settings.publicRead ? "on" : "off"}) whatever is chosen here. Unset it to decide on this page.
              </>
            )}
          </p>
          {error && <Alert tone="error" plain>{error}</Alert>}
          {notice && <Alert tone="success" plain>{notice}</Alert>}
        </section>
      </main>
    </>
  );
}
