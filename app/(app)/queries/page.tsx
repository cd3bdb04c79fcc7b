import type { Metadata } from "next";
import { QueryLibrary } from "@/components/queries/QueryLibrary";

export const metadata: Metadata = { title: "Saved queries · Redstring" };

export default function QueriesPage() {
  return <QueryLibrary />;
}
