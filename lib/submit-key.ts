/**
 * One Idempotency-Key per submit, in the browser (the server side is lib/idempotency.ts). A form asks
 * for the key of what it is about to send: the same body again (the reader retries after a network error
 * or a timeout) gets the same key, so the server answers the first attempt's result instead of acting
 * twice; a changed body, or any submit after a success, gets a new key.
 */
import { useState } from "react";

/** 128 random bits as hex. getRandomValues works on plain http too, where randomUUID does not exist. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface SubmitKey {
  /** The key for sending `body`: the last one while the body is the same and no submit succeeded since. */
  keyFor(body: unknown): string;
  /** The submit succeeded: the next one, even of the same body, is a new request. */
  succeeded(): void;
}

/** A plain object version of the hook, for code outside React (and its tests). */
export function createSubmitKey(): SubmitKey {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body ?? null);
      if (last?.body !== text) last = { body: text, key: newIdempotencyKey() };
      return last.key;
    },
    succeeded() {
      last = null;
    },
  };
}

/** The submit key of one form, kept across renders. */
export function useSubmitKey(): SubmitKey {
  // Made once, on the first render; the object itself keeps the last key (not React state: it never
  // changes what is rendered).
  const [submitKey] = useState(createSubmitKey);
  return submitKey;
}
