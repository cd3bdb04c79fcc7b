import type { Metadata } from "next";
import { RecentChanges } from "@/components/editing/RecentChanges";

export const metadata: Metadata = { title: "Recent changes · Redstring" };

export default function ChangesPage() {
  return <RecentChanges />;
}
