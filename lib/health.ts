import "server-only";
import { read } from "./db";
import { countEntities } from "./db/counts";

export async function checkHealth(): Promise<{ status: "ok"; entities: number }> {
  return { status: "ok", entities: await read(countEntities) };
}
