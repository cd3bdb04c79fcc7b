import "server-only";
import { NotFoundError } from "../errors";
import { isSnapshotId } from "./model";

/** The id from a route's params; a malformed id is a 404 like an unknown one (a link to nothing). */
export async function snapshotIdFrom(context: { params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  if (!isSnapshotId(id)) throw new NotFoundError(`No snapshot has the id "${id.slice(0, 40)}".`);
  return id;
}
