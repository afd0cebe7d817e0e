import { act, screen } from "@testing-library/react";
import { ClientEvent, SyncState } from "matrix-js-sdk";

import { SYNC_POLL_TIMEOUT_MS, SYNC_STALL_AFTER_MS } from "../../../src/client/syncTiming.ts";
import { LoggedInView } from "../../../src/components/structures/LoggedInView.tsx";
import { RoomHarness } from "../../features/encrypted-state/support/roomHarness.ts";
import { quietConsole } from "../../features/encrypted-state/support/quietConsole.ts";
import { renderInApp } from "../../test-utils/render.tsx";

describe("LoggedInView: losing the connection after the first sync", () => {
    quietConsole();

    function setSyncState(harness: RoomHarness, state: SyncState, previous: SyncState | null) {
        // The sync loop sets its state, then announces it (a never-started client, driven by hand).
        const client = harness.client as unknown as { syncApi?: unknown; getSyncState: () => SyncState | null };
        client.getSyncState = () => state;
        jest.spyOn(harness.client, "isInitialSyncComplete").mockReturnValue(
            state === SyncState.Prepared || state === SyncState.Syncing,
        );
        act(() => void harness.client.emit(ClientEvent.Sync, state, previous));
    }

    /** Renders the app for a client that has synced once. */
    function renderSynced(harness: RoomHarness): void {
        setSyncState(harness, SyncState.Prepared, null);
        renderInApp(
            <LoggedInView
                onSignOut={() => {}}
                onReload={() => {}}
                crossSigningError={null}
                onDismissCrossSigningError={() => {}}
            />,
            { client: harness.client },
        );
    }

    it("should keep the app and show a banner with Retry, which goes when sync resumes", () => {
        // Given a client that has synced once, showing the app
        const harness = new RoomHarness();
        renderSynced(harness);
        expect(screen.getByRole("main")).toBeInTheDocument();
        const retry = jest.spyOn(harness.client, "retryImmediately").mockReturnValue(true);

        // When the connection is lost
        act(() => setSyncState(harness, SyncState.Reconnecting, SyncState.Syncing));

        // Then the app stays, under a banner that says so and offers Retry
        expect(screen.getByRole("main")).toBeInTheDocument();
        expect(screen.queryByText("Loading your rooms…")).toBeNull();
        expect(screen.getByText("Connection to the homeserver lost. Trying to reconnect…")).toBeInTheDocument();
        expect(screen.getByText(/Offline since .+\. Everything you typed is kept\./)).toBeInTheDocument();
        act(() => screen.getByRole("button", { name: "Retry now" }).click());
        expect(retry).toHaveBeenCalled();

        // And when sync resumes, the banner goes
        act(() => setSyncState(harness, SyncState.Syncing, SyncState.Reconnecting));
        expect(screen.queryByText("Connection to the homeserver lost. Trying to reconnect…")).toBeNull();
        expect(screen.getByRole("main")).toBeInTheDocument();
    });

    describe("a server that stops answering without the connection failing", () => {
        beforeEach(() => jest.useFakeTimers());
        afterEach(() => jest.useRealTimers());

        const NOT_ANSWERING = "The homeserver is not answering";

        it("should say so once no sync answer came for the poll timeout plus a grace period", () => {
            const harness = new RoomHarness();
            renderSynced(harness);

            // While answers keep coming within the long-poll time, nothing is said
            act(() => void jest.advanceTimersByTime(SYNC_POLL_TIMEOUT_MS));
            setSyncState(harness, SyncState.Syncing, SyncState.Prepared);
            act(() => void jest.advanceTimersByTime(SYNC_STALL_AFTER_MS - 1));
            expect(screen.queryByText(NOT_ANSWERING)).toBeNull();

            // When no answer comes past that, an info banner names the time of the last one
            act(() => void jest.advanceTimersByTime(1));
            expect(screen.getByText(NOT_ANSWERING)).toBeInTheDocument();
            expect(screen.getByText(/No answer since .+\. Everything you typed is kept\./)).toBeInTheDocument();
            expect(screen.getByRole("main")).toBeInTheDocument();

            // And the next answer takes it away
            setSyncState(harness, SyncState.Syncing, SyncState.Syncing);
            expect(screen.queryByText(NOT_ANSWERING)).toBeNull();
        });

        it("should leave the word to the SDK's own banner once it reports the connection lost", () => {
            const harness = new RoomHarness();
            renderSynced(harness);
            act(() => void jest.advanceTimersByTime(SYNC_STALL_AFTER_MS));
            expect(screen.getByText(NOT_ANSWERING)).toBeInTheDocument();

            setSyncState(harness, SyncState.Reconnecting, SyncState.Syncing);
            act(() => void jest.advanceTimersByTime(SYNC_STALL_AFTER_MS * 2));
            expect(screen.queryByText(NOT_ANSWERING)).toBeNull();
            expect(screen.getByText("Connection to the homeserver lost. Trying to reconnect…")).toBeInTheDocument();
        });
    });
});
