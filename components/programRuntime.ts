/** How the program runs, for speed: shared by the real program (index.ts) and the offline render. */

/**
 * The SDK reads `new Error().stack` for every promise it makes (runtime/debuggable.js: four per
 * output property of every resource, ~80 per resource) only to print it if a promise leaks, and
 * under tsx, which turns source maps on, each read also maps every frame back to TypeScript. A CPU
 * profile of a 1000-host render spent over half its time there (node:internal/source_map,
 * defaultPrepareStackTrace, debuggablePromise and the garbage those strings make). Neither the plan
 * nor the engine shows these stacks, and the program's own errors carry their messages, so the render
 * and the real program (index.ts) capture none and map none; LAUNCH_READY_STACK_TRACES=1 keeps them,
 * to debug the SDK itself.
 * (Resource.callsites raises the limit itself for the source position it sends, which we ignore.)
 * Returns the function that puts both settings back.
 */
export function cheapStackTraces(): () => void {
  if (process.env.LAUNCH_READY_STACK_TRACES) return () => undefined;
  const sourceMaps = process.sourceMapsEnabled;
  const limit = Error.stackTraceLimit;
  if (sourceMaps) process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
    if (sourceMaps) process.setSourceMapsEnabled(true);
  };
}
