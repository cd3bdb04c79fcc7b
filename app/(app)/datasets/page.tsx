import type { Metadata } from "next";
import { DatasetList } from "@/components/datasets/DatasetList";
import { SignInToRead } from "@/components/datasets/SignInToRead";
import { can } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { listDatasets } from "@/lib/datasets/store";
import { withPage } from "@/lib/page-context";

export const metadata: Metadata = { title: "Data sets · Redstring" };
export const dynamic = "force-dynamic";

/** The data sets, read on the server (graph:read, checked again by listDatasets). */
export default function DatasetsPage() {
  return withPage("/datasets", async () => {
    const actor = await actorFromCookies();
    if (!can(actor, "graph:read")) return <SignInToRead next="/datasets" />;
    return <DatasetList datasets={await listDatasets(actor)} />;
  });
}
