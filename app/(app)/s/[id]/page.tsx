import type { Metadata } from "next";
import { RevokedNotice } from "@/components/snapshots/RevokedNotice";
import { SnapshotView } from "@/components/snapshots/SnapshotView";
import { actorFromCookies } from "@/lib/auth/session";
import { withPage } from "@/lib/page-context";
import { publicBaseUrl } from "@/lib/public-url";
import { isSnapshotId } from "@/lib/snapshots/model";
import { snapshotForPage, snapshotForPreview } from "@/lib/snapshots/page-data";
import { isolate, stripBidiControls } from "@/lib/text/bidi";

type Props = { params: Promise<{ id: string }> };

/** What the transactions of this page name as their route (lib/page-context.ts). */
const ROUTE = "/s/[id]";

/**
 * Link previews: title, the public caption (never a private note: the snapshot is read as a signed-out
 * visitor, whoever asks, since a preview is shown to everyone) and a server-drawn image of the subgraph
 * (Open Graph and Twitter cards).
 */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!isSnapshotId(id)) return { title: "Not found · Redstring" };
  // The same read as the page's (cached for this request): one database read renders both.
  const snapshot = await withPage(ROUTE, () => snapshotForPreview(id));
  if (!snapshot) return { title: "Redstring" };
  const base = await publicBaseUrl();
  const description =
    snapshot.note || `A graph of ${snapshot.nodeCount} entities and ${snapshot.edgeCount} relationships, shared from Redstring.`;
  // The page's own title joins the snapshot's with ours: isolated. Other sites show the preview texts
  // without isolating them, so there they carry no bidi control at all (lib/text/bidi.ts).
  const shared = stripBidiControls(snapshot.title);
  const image = { url: `${base}/api/snapshots/${id}/image.png`, width: 1200, height: 630, alt: `Graph: ${shared}` };
  return {
    title: `${isolate(snapshot.title)} · Redstring`,
    description,
    openGraph: { type: "article", title: shared, description: stripBidiControls(description), url: `${base}/s/${id}`, siteName: "Redstring", images: [image] },
    twitter: { card: "summary_large_image", title: shared, description: stripBidiControls(description), images: [image.url] },
  };
}

/** The page itself: a signed-in team member also reads a private note (marked as such). */
export default async function SnapshotPage({ params }: Props) {
  const { id } = await params;
  const snapshot = await withPage(ROUTE, async () => snapshotForPage(await actorFromCookies(), id));
  return snapshot ? <SnapshotView snapshot={snapshot} /> : <RevokedNotice />;
}
