import "server-only";
/**
 * A server-rendered page's reads in a database context, as respond() gives every API request
 * (lib/db/context.ts): its transactions name the page (and the user, once the session is read), and its
 * reads wait for the browser's last write, from the bookmark cookie. So a page opened right after a save
 * (a permalink just created, a query just saved) shows it, whichever replica renders it. Pages cannot set
 * cookies, so a page's own writes (there are none today) would not move the bookmark on.
 */
import { BOOKMARK_COOKIE, openBookmarks } from "./bookmark-cookie";
import { withRequestContext } from "./db/context";

/** `route` is the page's path pattern, as the metadata shows it: "/s/[id]", "/admin/users". */
export async function withPage<T>(route: string, work: () => Promise<T>): Promise<T> {
  const { cookies } = await import("next/headers");
  const bookmarks = openBookmarks((await cookies()).get(BOOKMARK_COOKIE)?.value);
  return withRequestContext({ route: `page ${route}`, bookmarks }, work);
}
