import type { Metadata } from "next";
import { WorkspaceList } from "@/components/workspaces/WorkspaceList";

export const metadata: Metadata = { title: "Workspaces · Redstring" };

export default function WorkspacesPage() {
  return <WorkspaceList />;
}
