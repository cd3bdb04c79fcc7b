import type { Metadata } from "next";
import { EmbedView } from "@/components/snapshots/EmbedView";
import { RevokedNotice } from "@/components/snapshots/RevokedNotice";
import { SIGNED_OUT } from "@/lib/auth/roles";
import { withPage } from "@/lib/page-context";
import { snapshotForPage } from "@/lib/snapshots/page-data";

export const metadata: Metadata = { title: "Redstring graph", robots: { index: false } };

/**
 * A snapshot for an iframe in an article: the graph, details on click, a link back; no app chrome. Read
 * as a signed-out visitor: an embed is for the public, so a private note never reaches it.
 */
export default async function EmbedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const snapshot = await withPage("/embed/[id]", () => snapshotForPage(SIGNED_OUT, id));
  return snapshot ? <EmbedView snapshot={snapshot} /> : <RevokedNotice />;
}
