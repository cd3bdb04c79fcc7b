import type { Metadata } from "next";
import { DataPage } from "@/components/data/DataPage";

export const metadata: Metadata = { title: "Import and export · Redstring" };

export default function ImportExportPage() {
  return <DataPage />;
}
