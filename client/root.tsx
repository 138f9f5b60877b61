/** The app: React, the language layer and the routes (loaded by main.tsx). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { I18nProvider } from "./i18n/index.js";
import { registerServiceWorker } from "./pwa/register.js";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

registerServiceWorker();
