import type { ReactElement } from "react";
import { render, type RenderResult } from "@testing-library/react";
import { TooltipProvider } from "@vector-im/compound-web";
import type { MatrixClient } from "matrix-js-sdk";
import { MatrixClientContext } from "../../src/shared/MatrixClientContext.ts";
import { SettingsStore } from "../../src/settings/SettingsStore.ts";
import { SettingsStoreContext } from "../../src/settings/SettingsStoreContext.ts";

/** What {@link renderInApp} provides around the element. */
export interface AppContextOptions {
    client?: MatrixClient;
    settings?: SettingsStore;
}

/**
 * Renders an element inside the providers the app puts around every view.
 * @param ui - the element
 * @param options - client and settings store (a fresh in-memory store by default)
 */
export function renderInApp(
    ui: ReactElement,
    { client, settings = new SettingsStore() }: AppContextOptions = {},
): RenderResult {
    return render(
        <SettingsStoreContext.Provider value={settings}>
            <MatrixClientContext.Provider value={client ?? null}>
                <TooltipProvider>{ui}</TooltipProvider>
            </MatrixClientContext.Provider>
        </SettingsStoreContext.Provider>,
    );
}
