/** The current minute as a time (ms), for derivations that depend on the clock (a spike's `until`). */
import { useEffect, useState } from "react";

const MINUTE = 60_000;
const thisMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;

/** Re-renders when the minute turns; the same number all minute long, so memoised derivations hold. */
export function useMinute(): number {
  const [minute, setMinute] = useState(thisMinute);
  useEffect(() => {
    const id = setInterval(() => setMinute(thisMinute()), 5_000);
    return () => clearInterval(id);
  }, []);
  return minute;
}
