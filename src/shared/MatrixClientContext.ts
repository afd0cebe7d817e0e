import { createContext, useContext } from "react";
import type { MatrixClient } from "matrix-js-sdk";

/** Provides the running Matrix client to views. There is no global client. */
export const MatrixClientContext = createContext<MatrixClient | null>(null);

/**
 * The Matrix client of the surrounding {@link MatrixClientContext}.
 * @returns the client
 * @throws Error when rendered outside a logged-in tree (a wiring mistake)
 */
export function useMatrixClient(): MatrixClient {
    const client = useContext(MatrixClientContext);
    if (!client) throw new Error("useMatrixClient must be used inside <MatrixClientContext.Provider>");
    return client;
}
