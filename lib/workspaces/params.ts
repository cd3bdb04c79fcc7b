import "server-only";
import { NotFoundError } from "../errors";
import { isWorkspaceId } from "./model";

/** The id from a route's params; a malformed id is a 404 like an unknown one (a link to nothing). */
export async function workspaceIdFrom(context: { params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  if (!isWorkspaceId(id)) throw new NotFoundError(`No workspace has the id "${id.slice(0, 40)}".`);
  return id;
}
