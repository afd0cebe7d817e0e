import { createContext, useContext } from "react";
import type { RecoveryViewModel } from "./RecoveryViewModel.ts";

/** The running client's recovery view model; null while no client runs (or in views' tests). */
export const RecoveryViewModelContext = createContext<RecoveryViewModel | null>(null);

/**
 * The running client's recovery view model.
 * @returns the view model, or null outside a running session
 */
export function useRecoveryViewModel(): RecoveryViewModel | null {
    return useContext(RecoveryViewModelContext);
}
