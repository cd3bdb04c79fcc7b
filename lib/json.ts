/** A value as JSON carries it: what every read returns to the browser and every export writes. Pure. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
