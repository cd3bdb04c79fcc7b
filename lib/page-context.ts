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
  return withPageContext(route, (await cookies()).get(BOOKMARK_COOKIE)?.value, work);
}

/**
 * The same context for a read done on a page's behalf before it renders (proxy.ts), where next/headers
 * is not there yet: the caller passes the request's bookmark cookie.
 */
export function withPageContext<T>(route: string, bookmarkCookie: string | undefined, work: () => Promise<T>): Promise<T> {
  return withRequestContext({ route: `page ${route}`, bookmarks: openBookmarks(bookmarkCookie) }, work);
}
