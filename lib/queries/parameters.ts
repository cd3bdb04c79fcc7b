/**
 * The typed parameters of a saved query ("Events involving $entity between $from and $to"): how they are
 * declared, and how the text typed in a form or a URL becomes the Neo4j value sent as a Cypher parameter.
 * Values are never spliced into the query text.
 *
 * Not server-only: the query editor imports the declarations schema and PARAMETER_TYPES.
 */
import neo4j from "neo4j-driver";
import { z } from "zod";
import { ENTITY_TYPES, entityIdSchema, isEntityType } from "../model/registry";

export const PARAMETER_TYPES = ["string", "integer", "float", "boolean", "date", "entity", "entityType"] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface ParameterDeclaration {
  name: string;
  type: ParameterType;
  label?: string;
  /** The text form, the same syntax as a value in a URL; it must itself coerce for the type. */
  defaultValue?: string;
  required: boolean;
}

export type RawParameterValues = Record<string, string | undefined>;

export interface ParameterProblem {
  name: string;
  message: string;
}

export const MAX_PARAMETERS = 20;
/** Run links carry the values in the query string, and `?version=` picks the saved version. */
const RESERVED_NAMES = new Set(["version"]);
/** A string value is sent as it is typed; this only stops absurd inputs. */
const MAX_STRING_LENGTH = 1000;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const fail = (message: string): Coerced => ({ ok: false, message });

function coerceInteger(text: string): Coerced {
  if (!/^[+-]?\d+$/.test(text)) return fail("must be a whole number");
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return fail("is too large for a 64-bit integer");
  // A JS number would reach Cypher as a float; comparisons with stored integers and LIMIT need an Integer.
  return { ok: true, value: neo4j.int(value.toString()) };
}

function coerceFloat(text: string): Coerced {
  // Number() also accepts "0x1f", "Infinity" and "": only plain decimal notation is a float here.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return fail("must be a number");
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : fail("is too large");
}

function coerceBoolean(text: string): Coerced {
  const lower = text.toLowerCase();
  if (lower === "true") return { ok: true, value: true };
  if (lower === "false") return { ok: true, value: false };
  return fail('must be "true" or "false"');
}

function coerceDate(text: string): Coerced {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return fail("must be a date written YYYY-MM-DD");
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC would roll 2019-02-30 over to 2 March; a real date survives the round trip unchanged.
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || year < 1) {
    return fail("must be a real calendar date");
  }
  // Event.date and Report.publishedAt are Neo4j Dates: a string would never compare equal or in range.
  return { ok: true, value: new neo4j.types.Date(year, month, day) };
}

function coerceEntity(text: string): Coerced {
  const parsed = entityIdSchema.safeParse(text);
  return parsed.success ? { ok: true, value: parsed.data } : fail(`must be an entity id: ${parsed.error.issues[0]?.message ?? "malformed"}`);
}

function coerceEntityType(text: string): Coerced {
  return isEntityType(text) ? { ok: true, value: text } : fail(`must be one of ${ENTITY_TYPES.join(", ")}`);
}

/** One text value (never empty) as the value of its type. */
export function coerceParameterValue(type: ParameterType, text: string): Coerced {
  if (type === "string") {
    return text.length <= MAX_STRING_LENGTH ? { ok: true, value: text } : fail(`must be at most ${MAX_STRING_LENGTH} characters`);
  }
  // Surrounding spaces are an artefact of typing or copying, never meaningful in a number, date or id.
  const trimmed = text.trim();
  if (trimmed === "") return fail("is empty");
  switch (type) {
    case "integer":
      return coerceInteger(trimmed);
    case "float":
      return coerceFloat(trimmed);
    case "boolean":
      return coerceBoolean(trimmed);
    case "date":
      return coerceDate(trimmed);
    case "entity":
      return coerceEntity(trimmed);
    case "entityType":
      return coerceEntityType(trimmed);
  }
}

export const parameterNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, "must start with a letter or _, then letters, digits or _ (at most 40)")
  .refine((name) => !RESERVED_NAMES.has(name), "is reserved (run links use ?version=)");

export const parameterDeclarationSchema: z.ZodType<ParameterDeclaration> = z
  .object({
    name: parameterNameSchema,
    type: z.enum(PARAMETER_TYPES),
    label: z.string().trim().min(1).max(80).optional(),
    // A form sends "" for an empty field: that means no default.
    defaultValue: z
      .string()
      .max(MAX_STRING_LENGTH)
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    required: z.boolean(),
  })
  .strict()
  .superRefine((declaration, ctx) => {
    if (declaration.defaultValue === undefined) return;
    const coerced = coerceParameterValue(declaration.type, declaration.defaultValue);
    if (!coerced.ok) ctx.addIssue({ code: "custom", path: ["defaultValue"], message: `the default ${coerced.message}` });
  });

export const parameterDeclarationsSchema = z
  .array(parameterDeclarationSchema)
  .max(MAX_PARAMETERS, `a query has at most ${MAX_PARAMETERS} parameters`)
  .superRefine((declarations, ctx) => {
    const seen = new Set<string>();
    declarations.forEach((declaration, index) => {
      if (seen.has(declaration.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `the parameter "${declaration.name}" is declared twice` });
      }
      seen.add(declaration.name);
    });
  });

/**
 * Applies defaults, checks required values and coerces each text value to its type. An empty string means
 * "not given"; a parameter that is neither given nor required is sent as null, so the query can test
 * `$x IS NULL`. Names the query does not declare are problems too: a typo in a link must not pass
 * silently. Whether an entity id exists is checked later, in the read transaction.
 */
export function coerceParameterValues(
  declarations: ParameterDeclaration[],
  raw: RawParameterValues,
): { values: Record<string, unknown>; problems: ParameterProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ParameterProblem[] = [];
  const declared = new Set(declarations.map((declaration) => declaration.name));

  for (const name of Object.keys(raw)) {
    if (!declared.has(name) && raw[name] !== undefined) problems.push({ name, message: "is not a parameter of this query" });
  }
  for (const declaration of declarations) {
    const given = Object.hasOwn(raw, declaration.name) ? raw[declaration.name] : undefined;
    const text = given === undefined || given === "" ? declaration.defaultValue : given;
    if (text === undefined || text === "") {
      if (declaration.required) problems.push({ name: declaration.name, message: "is required" });
      else values[declaration.name] = null;
      continue;
    }
    const coerced = coerceParameterValue(declaration.type, text);
    if (coerced.ok) values[declaration.name] = coerced.value;
    else problems.push({ name: declaration.name, message: coerced.message });
  }
  return { values, problems };
}
