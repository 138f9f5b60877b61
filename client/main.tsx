/**
 * The page's first script, kept small: it starts what the signed-in user needs (boot/early.ts), then runs
 * the app (root.tsx), whose chunks index.html already names as modulepreload (scripts/preload-app.ts),
 * so they download together with this one.
 */
import { startEarly } from "./boot/early.js";
import "./styles.css";

startEarly();
void import("./root.js");
