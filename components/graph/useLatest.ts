"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * A ref that always holds the latest `value`: for Cytoscape's listeners and the layout, which are set up
 * once and must read what the props say now, without being set up again on every render.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
