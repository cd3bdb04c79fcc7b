import type { Metadata } from "next";
import { SchemaPage } from "@/components/schema/SchemaPage";

export const metadata: Metadata = { title: "Schema · Redstring" };

export default function GraphSchemaPage() {
  return <SchemaPage />;
}
