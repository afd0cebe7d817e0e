import { screen } from "@testing-library/react";
import { EventStatus, MatrixEvent } from "matrix-js-sdk";
import { DecryptionError, type CryptoBackend } from "matrix-js-sdk/lib/common-crypto/CryptoBackend";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import userEvent from "@testing-library/user-event";
import { EventTile } from "../../../../src/components/views/rooms/EventTile.tsx";
import { tileKindFor } from "../../../../src/timeline/tileKind.ts";
import { renderInApp } from "../../../test-utils/render.tsx";
import { makeClient, makeRoom, stateEvent } from "../../../test-utils/room.ts";

const ALICE = "@alice:example.org";

function setup() {
    const client = makeClient(ALICE);
    const room = makeRoom(client, { members: [{ userId: ALICE, displayName: "Alice" }] });
    return { client, room };
}

/** An encrypted event whose decryption failed with the given code, as the crypto layer reports it. */
async function undecryptable(code: DecryptionFailureCode): Promise<MatrixEvent> {
    const event = new MatrixEvent({
        type: "m.room.encrypted",
        content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x", session_id: "s", sender_key: "k" },
        sender: ALICE,
        room_id: "!room:example.org",
        event_id: "$enc",
        origin_server_ts: 1_700_000_000_000,
    });
    const crypto = {
        decryptEvent: async () => {
            throw new DecryptionError(code, "no key");
        },
    } as unknown as CryptoBackend;
    await event.attemptDecryption(crypto);
    return event;
}

function renderTile(event: MatrixEvent, client = setup()) {
    const kind = tileKindFor(event, client.room);
    if (!kind) throw new Error("event not shown");
    const onResend = jest.fn();
    const onCancelSend = jest.fn();
    renderInApp(
        <ol>
            <EventTile
                event={event}
                room={client.room}
                kind={kind}
                continuation={false}
                use12HourClock={false}
                onResend={onResend}
                onCancelSend={onCancelSend}
            />
        </ol>,
        { client: client.client },
    );
    return { kind, onResend, onCancelSend };
}

describe("EventTile", () => {
    it("should show a message with its sender and time", () => {
        const event = new MatrixEvent({
            type: "m.room.message",
            content: { msgtype: "m.text", body: "Hello there" },
            sender: ALICE,
            event_id: "$m",
            origin_server_ts: Date.UTC(2024, 0, 1, 14, 5),
        });
        renderTile(event);
        expect(screen.getByText("Hello there")).toBeInTheDocument();
        expect(screen.getByText(ALICE)).toBeInTheDocument();
        expect(screen.getByRole("listitem").querySelector("time")).toHaveAttribute(
            "dateTime",
            "2024-01-01T14:05:00.000Z",
        );
    });

    it("should say why a message cannot be decrypted", async () => {
        const event = await undecryptable(DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID);
        expect(event.decryptionFailureReason).toBe(DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID);
        const { kind } = renderTile(event);
        expect(kind).toBe("undecryptable");
        expect(screen.getByText("Unable to decrypt message")).toBeInTheDocument();
        expect(
            screen.getByText("The sender's device has not sent this device the keys for it (yet)."),
        ).toBeInTheDocument();
    });

    it("should explain withheld keys differently", async () => {
        renderTile(await undecryptable(DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE));
        expect(screen.getByText(/only shares keys with verified devices/)).toBeInTheDocument();
    });

    it("should show state changes as notices and the encryption notice", () => {
        const setupResult = setup();
        renderTile(
            stateEvent({ type: "m.room.encryption", content: { algorithm: "m.megolm.v1.aes-sha2" }, sender: ALICE }),
            setupResult,
        );
        expect(screen.getByText(/^Encryption enabled by Alice/)).toBeInTheDocument();
    });

    it("should offer Retry and Delete for a message that failed to send", async () => {
        const user = userEvent.setup();
        const event = new MatrixEvent({
            type: "m.room.message",
            content: { msgtype: "m.text", body: "lost" },
            sender: ALICE,
            event_id: "~local",
            origin_server_ts: 1,
        });
        event.setStatus(EventStatus.NOT_SENT);
        const { onResend, onCancelSend } = renderTile(event);
        expect(screen.getByRole("alert")).toHaveTextContent("Not sent.");
        await user.click(screen.getByRole("button", { name: "Retry" }));
        await user.click(screen.getByRole("button", { name: "Delete" }));
        expect(onResend).toHaveBeenCalledWith(event);
        expect(onCancelSend).toHaveBeenCalledWith(event);
    });
});
