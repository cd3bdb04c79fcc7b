import type { Metadata } from "next";
import { SnapshotList } from "@/components/snapshots/SnapshotList";

export const metadata: Metadata = { title: "Shared links · Redstring" };

export default function SnapshotsPage() {
  return <SnapshotList />;
}
