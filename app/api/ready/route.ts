import { checkReadiness } from "@/lib/health";
import { respond } from "@/lib/http";

export const dynamic = "force-dynamic";

/** 200 when this replica can serve (database reachable and migrated, not stopping), 503 with the reason otherwise. */
export async function GET(request?: Request) {
  return respond(request, checkReadiness);
}
