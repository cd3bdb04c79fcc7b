import { checkHealth } from "@/lib/health";
import { respond } from "@/lib/http";

export const dynamic = "force-dynamic";

/** 200 when the database answers and the schema and seed are in place, 503 with a message otherwise. */
export async function GET(request?: Request) {
  return respond(request, checkHealth);
}
