/**
 * Where the team's shared public data sets are: REDSTRING_DATASETS_DIR if set, else `../shared/datasets`
 * next to the repository (the layout of the team's machines), else the machine-wide copy. Read at run
 * time; nothing of them is copied into the repository.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const MACHINE_COPY = "/work/shared/datasets";

export function datasetsDir(root: string): string {
  const candidates = [process.env.REDSTRING_DATASETS_DIR, path.resolve(root, "../shared/datasets"), MACHINE_COPY].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`The shared data sets were not found (looked in ${candidates.join(", ")}). Set REDSTRING_DATASETS_DIR.`);
  }
  return found;
}
