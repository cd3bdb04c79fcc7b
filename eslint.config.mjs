import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const root = import.meta.dirname;

/** Every lib module that guards itself with `import "server-only"`: found, not listed by hand, so the list cannot drift. */
function serverOnlyModules(dir = "lib") {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverOnlyModules(file);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^import "server-only";$/m.test(readFileSync(path.join(root, file), "utf8")) ? [file] : [];
  });
}
const SERVER_ONLY = serverOnlyModules();

/**
 * The layers, each importing only the ones below it (docs/ARCHITECTURE.md, "Layers"). Paths are from the
 * repository root; `except` names what a zone's `from` still allows.
 */
const LAYER_ZONES = [
  {
    target: "./lib",
    from: ["./app", "./components", "./scripts", "./bench", "./tests"],
    message: "lib is below the routes, the components, the scripts and the tests: it must not import them.",
  },
  {
    // No exception: the seed story and the starter library are data that the deploy steps load from
    // above (graph-seed/bootstrap.ts: `npm run migrate`, `npm run seed`).
    target: "./lib",
    from: "./graph-seed",
    message: "lib must not import graph-seed: the seed is data loaded from above, not part of the app.",
  },
  {
    // The routes and the components run in a server that may hold no seed at all (a newsroom's instance).
    target: ["./app", "./components"],
    from: "./graph-seed",
    message: "The app must not import graph-seed: the seed is data loaded by the deploy steps, not part of a page.",
  },
  {
    target: "./lib/db",
    from: "./lib",
    except: ["./db", "./config.ts", "./errors.ts", "./json.ts", "./model"],
    message: "lib/db is the bottom layer: it knows the driver, the configuration, the errors and the registry, no feature.",
  },
  {
    target: "./lib/graph",
    from: "./lib",
    except: ["./graph", "./model", "./text", "./json.ts", "./format"],
    message: "lib/graph is pure graph code: no database, no server module, no feature above it.",
  },
  {
    target: "./lib/format",
    from: "./lib",
    except: ["./format"],
    message: "lib/format is pure formatting: it imports nothing else of lib.",
  },
  {
    target: "./lib/auth/roles.ts",
    from: "./lib",
    except: ["./auth/roles.ts"],
    message: "lib/auth/roles.ts is shared with the browser: it imports nothing of lib.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    rules: { "import/no-restricted-paths": ["error", { basePath: root, zones: LAYER_ZONES }] },
  },
  {
    // Browser code must not import a server-only module; a type-only import is erased before bundling, so it may.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: SERVER_ONLY.map((file) => ({
            name: `@/${file.replace(/\.tsx?$/, "")}`,
            allowTypeImports: true,
            message: "A server-only module: components may import its types, not its values.",
          })),
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "tools/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
