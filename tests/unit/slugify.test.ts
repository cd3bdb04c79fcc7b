/**
 * slugify (lib/import/mapping.ts) runs on every id of every imported row. ASCII text skips Unicode
 * normalisation; text with accents or compatibility forms must still fold as NFKD does.
 */
import { slugify } from "@/lib/import/mapping";

/** The definition without the ASCII shortcut: what every slug must equal. */
const reference = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-._]+|-+$/g, "");

it.each(["R000595", "H.R. 10 -- Appropriations", "  spaces  and__underscores ", "Müller GmbH", "Ａｃｍｅ ﬁnance", "Zoë Lofgren", "-.lead", ""])(
  "slugs %j as the full Unicode folding does",
  (text) => {
    expect(slugify(text)).toBe(reference(text));
  },
);

it("folds accents and compatibility forms, not only ASCII", () => {
  expect(slugify("Zoë Lofgren")).toBe("zoe-lofgren");
  expect(slugify("Ａｃｍｅ ﬁnance")).toBe("acme-finance");
});
