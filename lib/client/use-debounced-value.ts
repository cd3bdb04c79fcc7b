"use client";

import { useEffect, useState } from "react";

/**
 * `value` once it has stayed the same for `ms`: a filter typed letter by letter asks the server once the
 * typing pauses, not once per key. Values are compared by their JSON, so a fresh but equal object does not
 * restart the wait.
 */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const text = JSON.stringify(value);
  const [settled, setSettled] = useState<{ text: string; value: T }>({ text, value });
  useEffect(() => {
    if (text === settled.text) return;
    const timer = setTimeout(() => setSettled({ text, value: JSON.parse(text) as T }), ms);
    return () => clearTimeout(timer);
  }, [text, settled.text, ms]);
  return settled.value;
}
