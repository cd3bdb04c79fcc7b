/** A data set's id when the import does not name one (pure). */
import { slugify } from "../import/mapping";

/** A slug of a name or a file name (without its data extension); "data" when nothing of it is left. */
export function datasetIdFrom(text: string): string {
  const slug = slugify(text.replace(/\.(csv|json|jsonl|ijson|ndjson)$/i, "")).slice(0, 200).replace(/[-._]+$/, "");
  return slug === "" ? "data" : slug;
}
