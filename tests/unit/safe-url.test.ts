import { safeHttpUrl } from "@/lib/safe-url";

describe("safeHttpUrl", () => {
  it("keeps http and https addresses", () => {
    expect(safeHttpUrl("https://www.wsj.com/articles/x?a=1#b")).toBe("https://www.wsj.com/articles/x?a=1#b");
    expect(safeHttpUrl("http://example.org")).toBe("http://example.org/");
    expect(safeHttpUrl("HTTPS://Example.ORG/Path")).toBe("https://example.org/Path");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://files.example.org/a",
    "mailto:someone@example.org",
    "//evil.example.org",
    "/relative/path",
    "not a url",
    "",
  ])("refuses %j", (value) => {
    expect(safeHttpUrl(value)).toBeNull();
  });

  it("refuses anything that is not a string", () => {
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl(undefined)).toBeNull();
    expect(safeHttpUrl(42)).toBeNull();
    expect(safeHttpUrl({ href: "https://example.org" })).toBeNull();
  });
});
