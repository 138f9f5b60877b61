/** The app: React, the language layer and the routes (loaded by main.tsx). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { liveClient } from "./app/live.js";
import { getSession } from "./app/session.js";
import { VIEW_CHUNKS, viewFor } from "./pages.js";
import { I18nProvider } from "./i18n/index.js";
import { registerServiceWorker } from "./pwa/register.js";

function render() {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}

// The live feed starts with the app, not with the first render.
liveClient();
// The first view, whose chunk the page's first script asked for, renders in the first frame if it is there
// (a staff phone's: it is smaller than the app and comes first), rather than a fallback first, which React
// then keeps on screen for 300 ms. A view still on its way (the coordinator's, with the map) is not waited for.
const session = getSession();
const view = session ? VIEW_CHUNKS[viewFor(session.user.role, location.pathname)]() : VIEW_CHUNKS.login();
void Promise.race([view, new Promise((resolve) => setTimeout(resolve, 100))]).then(render, render);

registerServiceWorker();
