/**
 * A user's snapshot in one HTTP request, GET /api/state, which the server compresses (13 KB of a staff
 * member's state is 3 KB on the wire). A staff phone's first data comes this way, asked for by the page's
 * first script (boot/early.ts) while React is still arriving, instead of after it over the socket
 * (connect, namespace, resume: three round trips, 1.2 s on a weak link). LiveClient's `initial`.
 * Resolves with the body, or null when there is none to be had (the socket's own snapshot then comes).
 */
export async function fetchSnapshot(origin: string, token: string): Promise<unknown> {
  try {
    const res = await fetch(`${origin.replace(/\/$/, "")}/api/state`, {
      headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}
