import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

/** The first `lines` lines of a real file, copied to a temp dir (never into the repository). */
export async function sliceFile(from: string, to: string, lines: number): Promise<void> {
  const kept: string[] = [];
  const reader = createInterface({ input: createReadStream(from) });
  for await (const line of reader) {
    kept.push(line);
    if (kept.length >= lines) break;
  }
  reader.close();
  writeFileSync(to, `${kept.join("\n")}\n`);
}
