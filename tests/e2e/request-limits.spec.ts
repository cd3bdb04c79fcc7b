/**
 * Body limits over real HTTP, through `next start`: a chunked body with no Content-Length past the
 * route's limit gets its 413 and message back (the server answers without reading the rest), and so does
 * a browser's XMLHttpRequest (how the Data page sends files), so the page can show why.
 */
import { expect, test } from "@playwright/test";

test("a chunked 50 MB sign-in body without Content-Length is answered 413 with a message", async ({ baseURL }) => {
  let sent = 0;
  const total = 50 * 1024 ** 2;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
    },
  });
  const response = await fetch(`${baseURL}/api/auth/signin`, {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": "application/json", origin: baseURL ?? "" },
  } as RequestInit & { duplex: "half" });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: string }).error).toMatch(/larger than 16 kB/);
  // The server stopped reading: far less than the 50 MB on offer was pulled from the stream.
  expect(sent).toBeLessThan(total);
});

test("a browser upload the server refuses early still gets the answer and its message", async ({ page }) => {
  await page.goto("/data");
  const outcome = await page.evaluate(async () => {
    const created = await fetch("/api/imports/uploads", { method: "POST" });
    const { uploadId } = (await created.json()) as { uploadId: string };
    // Someone else's (here: no one's) upload and a body of 20 MB: refused before the body is read.
    const target = `/api/imports/uploads/${uploadId.replace(/^./, uploadId[0] === "A" ? "B" : "A")}?name=data.csv`;
    return new Promise<{ status: number; text: string }>((resolve) => {
      const request = new XMLHttpRequest();
      request.open("PUT", target);
      request.onload = () => resolve({ status: request.status, text: request.responseText });
      request.onerror = () => resolve({ status: 0, text: "network error" });
      request.send(new Blob([new Uint8Array(20 * 1024 ** 2)]));
    });
  });
  expect(outcome.status).toBe(404);
  expect(outcome.text).toMatch(/No upload with this id/);
  expect(outcome.text).not.toMatch(/\/tmp|redstring-uploads/);
});

test("a browser's oversized body gets the 413 and its message, not a broken connection", async ({ page }) => {
  await page.goto("/data");
  const outcome = await page.evaluate(
    () =>
      new Promise<{ status: number; text: string }>((resolve) => {
        const request = new XMLHttpRequest();
        request.open("POST", "/api/auth/signin");
        request.setRequestHeader("content-type", "application/json");
        request.onload = () => resolve({ status: request.status, text: request.responseText });
        request.onerror = () => resolve({ status: 0, text: "network error" });
        request.send(new Blob([new Uint8Array(20 * 1024 ** 2).fill(0x61)]));
      }),
  );
  expect(outcome.status).toBe(413);
  expect(outcome.text).toMatch(/larger than 16 kB/);
});
