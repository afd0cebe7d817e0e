/**
 * The indicator's Retry for a room whose MSC4268 history keys could not be downloaded. The
 * download itself is proven with real clients in test/integration/history-key-bundle.test.ts;
 * here only the crypto backend's bundle acceptance is replaced, to make it fail on demand.
 */
import type { MatrixClient } from "matrix-js-sdk";
import {
    HistoryKeys,
    type HistoryKeyFailureRecord,
} from "../../../../src/features/encrypted-state/read/historyKeyBundle.ts";

function clientWithCrypto(crypto: object | undefined): MatrixClient {
    return { getCrypto: () => crypto } as unknown as MatrixClient;
}

/** The store's record of failed downloads, recording what Retry told it. */
function failureRecord(inviterId: string | null): { store: HistoryKeyFailureRecord; cleared: string[] } {
    const cleared: string[] = [];
    const store: HistoryKeyFailureRecord = {
        inviterOf: () => inviterId,
        set: (roomId, inviter) => {
            if (inviter === null) cleared.push(roomId);
        },
    };
    return { store, cleared };
}

function retryHandler(client: MatrixClient, store: HistoryKeyFailureRecord): ((roomId: string) => void) | undefined {
    return new HistoryKeys(client, store).retryHandler();
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("HistoryKeys.retryHandler", () => {
    it("offers no Retry when the crypto backend cannot accept a bundle again", () => {
        const { store } = failureRecord("@alice:localhost");
        expect(retryHandler(clientWithCrypto(undefined), store)).toBeUndefined();
        expect(retryHandler(clientWithCrypto({}), store)).toBeUndefined();
    });

    it("clears the recorded failure when the bundle is accepted", async () => {
        const accepted: [string, string][] = [];
        const crypto = {
            maybeAcceptKeyBundle: async (roomId: string, inviter: string) => {
                accepted.push([roomId, inviter]);
                return true;
            },
        };
        const { store, cleared } = failureRecord("@alice:localhost");
        retryHandler(clientWithCrypto(crypto), store)?.("!room:localhost");
        await settle();
        expect(accepted).toEqual([["!room:localhost", "@alice:localhost"]]);
        expect(cleared).toEqual(["!room:localhost"]);
    });

    it("keeps the failure recorded, without throwing, when the download fails again", async () => {
        const crypto = { maybeAcceptKeyBundle: () => Promise.reject(new Error("download failed")) };
        const { store, cleared } = failureRecord("@alice:localhost");
        const retry = retryHandler(clientWithCrypto(crypto), store);
        expect(() => retry?.("!room:localhost")).not.toThrow();
        await settle();
        expect(cleared).toEqual([]);
    });

    it("keeps the failure recorded when the inviter's bundle is no longer known", async () => {
        const crypto = { maybeAcceptKeyBundle: () => Promise.resolve(false) };
        const { store, cleared } = failureRecord("@alice:localhost");
        retryHandler(clientWithCrypto(crypto), store)?.("!room:localhost");
        await settle();
        expect(cleared).toEqual([]);
    });
});
