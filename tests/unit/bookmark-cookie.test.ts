import { BOOKMARK_COOKIE, bookmarksOfRequest, cookieValue, openBookmarks, sealBookmarks } from "@/lib/bookmark-cookie";

// The shape Neo4j 5 gives (FB: and base64); the values are made up, the checks never ask the database.
const first = "FB:kcwQLY0071lzT12E1ItC6dynAwWQ";
const second = "FB:kcwQLY0071lzT12E1ItC6dynAwaQ";

describe("the bookmark cookie", () => {
  it("gives back the bookmarks it sealed", () => {
    const sealed = sealBookmarks([first, second]);
    expect(sealed).not.toBeNull();
    expect(openBookmarks(sealed)).toEqual([first, second]);
  });

  it("is not written when there is no bookmark worth sending", () => {
    expect(sealBookmarks([])).toBeNull();
    expect(sealBookmarks(["not a bookmark", ""])).toBeNull();
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["without a signature", Buffer.from(first).toString("base64url")],
    ["with three parts", "a.b.c"],
    ["oversized", "x".repeat(5_000)],
    ["not base64", "%%%.%%%"],
  ])("is ignored when %s", (_, value) => {
    expect(openBookmarks(value)).toEqual([]);
  });

  it("is ignored when its bookmarks were changed without the key (a forged or edited cookie)", () => {
    const sealed = sealBookmarks([first]);
    const [, signature] = (sealed ?? "").split(".");
    const forged = `${Buffer.from(second).toString("base64url")}.${signature}`;
    expect(openBookmarks(forged)).toEqual([]);
  });

  it("reads its value out of a Cookie header among others, and the request's bookmarks from it", () => {
    const sealed = sealBookmarks([first]) ?? "";
    const header = `redstring_session=abc; ${BOOKMARK_COOKIE}=${encodeURIComponent(sealed)}; other=1`;
    expect(cookieValue(header, BOOKMARK_COOKIE)).toBe(sealed);
    expect(bookmarksOfRequest(new Request("http://127.0.0.1/", { headers: { cookie: header } }))).toEqual([first]);
    expect(bookmarksOfRequest(new Request("http://127.0.0.1/"))).toEqual([]);
    expect(cookieValue(`${BOOKMARK_COOKIE}=%E0%A4%A`, BOOKMARK_COOKIE)).toBeUndefined();
  });
});
