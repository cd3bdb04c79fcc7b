import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DatasetDetails } from "@/components/datasets/DatasetDetails";
import { SignInToRead } from "@/components/datasets/SignInToRead";
import { can } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { DATASET_ID_PATTERN } from "@/lib/datasets/model";
import { getDataset } from "@/lib/datasets/store";
import { NotFoundError } from "@/lib/errors";
import { withPage } from "@/lib/page-context";

export const metadata: Metadata = { title: "Data set · Redstring" };
export const dynamic = "force-dynamic";

/** One data set, read on the server (graph:read); an unknown or malformed id is the 404 page. */
export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!DATASET_ID_PATTERN.test(id)) notFound();
  return withPage("/datasets/[id]", async () => {
    const actor = await actorFromCookies();
    if (!can(actor, "graph:read")) return <SignInToRead next={`/datasets/${id}`} />;
    try {
      return <DatasetDetails dataset={await getDataset(actor, id)} />;
    } catch (cause) {
      if (cause instanceof NotFoundError) notFound();
      throw cause;
    }
  });
}
