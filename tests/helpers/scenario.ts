/** Loads the demo scenario (seed/scenario-load.ts) into a test server as the coordinator, as `npm run scenario` does. */
import { loadScenario, type LoadOutcome } from "../../seed/scenario-load.js";
import type { Client, TestServer } from "./server.js";

export async function loadScenarioInto(server: TestServer, coord: Client, say: (line: string) => void = () => {}): Promise<LoadOutcome> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = method === "GET" ? await coord.get(path) : await coord.post(path, body);
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as unknown;
  };
  return loadScenario(call, server.clock.now(), say);
}
