/** Saves text or a blob as a file from the browser (the user's "Download" buttons). */
export function download(filename: string, content: string | Blob, type = "text/plain;charset=utf-8") {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A title as a file name: letters, digits and dashes, never empty. */
export function fileNameOf(title: string, fallback = "redstring"): string {
  return title.replace(/[^\p{L}\p{N}-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || fallback;
}
