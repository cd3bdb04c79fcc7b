import "server-only";
import { read } from "./db";
import { ENTITY_LABEL } from "./model/registry";

export async function checkHealth(): Promise<{ status: "ok"; entities: number }> {
  const entities = await read(async (tx) => {
    const result = await tx.run(`MATCH (n:${ENTITY_LABEL}) RETURN count(n) AS count`);
    return Number(result.records[0]?.get("count") ?? 0);
  });
  return { status: "ok", entities };
}
