/** The app: React, the language layer and the routes (loaded by main.tsx). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { getSession } from "./app/session.js";
import { VIEW_CHUNKS, viewFor } from "./app/views.js";
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

// The first view, whose chunk the page's first script asked for: rendered when it is there, in the first
// frame, rather than a fallback first (which React would then keep on screen for 300 ms).
const session = getSession();
void (session ? VIEW_CHUNKS[viewFor(session.user.role, location.pathname)]() : VIEW_CHUNKS.login()).then(render, render);

registerServiceWorker();
