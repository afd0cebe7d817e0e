import { useSyncExternalStore } from "react";
import type { ViewModel } from "./ViewModel.ts";

/**
 * Reads a view model's snapshot and re-renders when it changes.
 * @param viewModel - the view model (keep it stable, e.g. with useMemo/useState)
 * @returns the current snapshot
 */
export function useViewModel<Snapshot extends object>(viewModel: ViewModel<Snapshot>): Snapshot {
    return useSyncExternalStore(viewModel.subscribe, viewModel.getSnapshot);
}
