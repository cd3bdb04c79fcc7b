// The iteration step of graphology-layout-forceatlas2, which its own synchronous layout and web worker are
// built on. lib/graph/layout/force-run.ts keeps the node and edge matrices between batches of iterations
// (the public `assign` rebuilds them on every call) and reads positions out of them to stream them.
declare module "graphology-layout-forceatlas2/iterate.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  export default function iterate(settings: Required<ForceAtlas2Settings>, nodes: Float32Array, edges: Float32Array): void;
}
