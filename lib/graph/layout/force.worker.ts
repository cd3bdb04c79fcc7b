/// <reference lib="webworker" />
/**
 * The force layout's web worker: the page's thread only draws the positions it streams back, so a
 * 20,000-element layout never freezes the page. Created by lib/graph/layout/force-client.ts with
 * `new Worker(new URL("./force.worker.ts", import.meta.url))`, which Next bundles as its own file.
 */
import { createForceLoop } from "./force-loop";
import type { ToForceWorker } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const loop = createForceLoop((message) => scope.postMessage(message, [message.x.buffer, message.y.buffer]));
scope.onmessage = (event: MessageEvent<ToForceWorker>) => loop.receive(event.data);
