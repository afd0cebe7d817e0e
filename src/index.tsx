import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TooltipProvider } from "@vector-im/compound-web";
import "@fontsource/inter/400.css";
import "@fontsource/inter/500.css";
import "@fontsource/inter/600.css";
import "@fontsource/inter/700.css";
import "@fontsource/inconsolata/400.css";
import "@fontsource/inconsolata/700.css";
import "@vector-im/compound-design-tokens/assets/web/css/compound-design-tokens.css";
import "@vector-im/compound-web/dist/style.css";
import "../res/css/app.css";
import { loadConfig } from "./config/ClientConfig.ts";
import { MatrixChat } from "./components/structures/MatrixChat.tsx";
import { SettingsStore } from "./settings/SettingsStore.ts";
import { SettingsStoreContext } from "./settings/SettingsStoreContext.ts";

async function main(): Promise<void> {
    document.body.classList.add("cpd-theme-light");
    const config = await loadConfig();
    const settings = new SettingsStore({ config, storage: window.localStorage });
    const container = document.getElementById("matrixchat");
    if (!container) throw new Error("index.html lacks #matrixchat");
    createRoot(container).render(
        <StrictMode>
            <SettingsStoreContext.Provider value={settings}>
                <TooltipProvider>
                    <MatrixChat config={config} settings={settings} storage={window.localStorage} />
                </TooltipProvider>
            </SettingsStoreContext.Provider>
        </StrictMode>,
    );
}

void main();
