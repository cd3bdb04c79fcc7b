import type { Metadata } from "next";
import { WorkspacePage } from "@/components/workspaces/WorkspacePage";

export const metadata: Metadata = { title: "Workspace · Redstring" };

/** A workspace, read in the browser: it is the reader's own (or shared by link), never rendered for anyone else. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkspacePage id={id} />;
}
