import { DecryptionError, type CryptoBackend } from "matrix-js-sdk/lib/common-crypto/CryptoBackend.js";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { IEventDecryptionResult } from "matrix-js-sdk/lib/@types/crypto.js";
import type { IContent, IEvent, MatrixEvent } from "matrix-js-sdk";

/** What the fake "encrypts": the MSC4362 payload. */
export interface FakeStatePayload {
    type: string;
    state_key?: string;
    content: IContent;
    room_id?: string;
}

/** Wire fields of a fake encrypted state event. */
export interface FakeEncryptedStateOptions {
    roomId: string;
    payload: FakeStatePayload;
    /** Outer state key; defaults to the correctly packed one. */
    packedKey?: string;
    sessionId?: string;
    eventId?: string;
    sender?: string;
    ts?: number;
    unsigned?: IEvent["unsigned"];
}

let counter = 0;

/**
 * A stand-in for the Rust crypto backend at the edge of real MatrixEvents: "ciphertext" is the
 * JSON payload, a session decrypts once its key was added. It reproduces what matters of
 * rust-crypto: it reads `event.getStateKey()` (hence bug 2 on retries), rejects a packed key that
 * does not match the payload with the Rust message mapped to UNKNOWN_ERROR (bug 4), and, like
 * the SDK's EventDecryptor, retries the events still waiting for a session when its key arrives.
 */
export class FakeStateCrypto {
    /** Mimic the Rust layer's packed-key validation (turn off to model a non-validating backend). */
    public validateStateKeys = true;
    private readonly knownSessions = new Set<string>();
    private readonly forcedFailures = new Map<string, DecryptionFailureCode>();
    private readonly pendingBySession = new Map<string, Set<MatrixEvent>>();
    private readonly sessionRooms = new Map<string, string>();

    /** The object to hand to `MatrixEvent.attemptDecryption`, which only calls `decryptEvent`. */
    public get backend(): CryptoBackend {
        return this as unknown as CryptoBackend;
    }

    /** Makes a session decryptable without retrying anything (a key that was already there). */
    public knowSession(sessionId: string): void {
        this.knownSessions.add(sessionId);
    }

    /**
     * Binds a session to a room, as the Rust layer does (it looks sessions up by room): its
     * events served in any other room fail as an unknown session.
     */
    public bindSessionToRoom(sessionId: string, roomId: string): void {
        this.sessionRooms.set(sessionId, roomId);
    }

    /** Makes every attempt on a session fail with a given code. */
    public failSession(sessionId: string, code: DecryptionFailureCode): void {
        this.forcedFailures.set(sessionId, code);
    }

    /** A key arrives late: like rust-crypto's onRoomKeysUpdated, retry the events waiting for it. */
    public async receiveKey(sessionId: string): Promise<void> {
        this.knownSessions.add(sessionId);
        this.forcedFailures.delete(sessionId);
        const waiting = [...(this.pendingBySession.get(sessionId) ?? [])];
        await Promise.all(waiting.map((event) => event.attemptDecryption(this.backend, { isRetry: true })));
    }

    /** Builds the wire form of an encrypted state event. */
    public encryptState(options: FakeEncryptedStateOptions): Partial<IEvent> {
        counter += 1;
        const { payload } = options;
        const packedKey = options.packedKey ?? `${payload.type}:${payload.state_key ?? ""}`;
        return {
            type: "m.room.encrypted",
            state_key: packedKey,
            room_id: options.roomId,
            event_id: options.eventId ?? `$fake${counter}`,
            sender: options.sender ?? "@alice:test",
            origin_server_ts: options.ts ?? 1_000 + counter,
            unsigned: options.unsigned ?? {},
            content: {
                algorithm: "m.megolm.v1.aes-sha2",
                sender_key: "fakeSenderKey",
                device_id: "FAKEDEVICE",
                session_id: options.sessionId ?? "session1",
                // Base64 like real Megolm ciphertext (the store checks the shape before decrypting).
                ciphertext: Buffer.from(JSON.stringify({ room_id: options.roomId, ...payload })).toString("base64"),
            },
        };
    }

    /** Builds the wire form of an encrypted (non-state) room message in a session. */
    public encryptMessage(roomId: string, sessionId: string, body: string): Partial<IEvent> {
        const wire = this.encryptState({ roomId, sessionId, payload: { type: "m.room.message", content: { body } } });
        delete wire.state_key;
        return wire;
    }

    /** The one CryptoBackend method MatrixEvent.attemptDecryption uses. */
    public async decryptEvent(event: MatrixEvent): Promise<IEventDecryptionResult> {
        const content = event.getWireContent();
        const sessionId = String(content.session_id);
        this.pending(sessionId).add(event);
        const forced = this.forcedFailures.get(sessionId);
        if (forced) throw new DecryptionError(forced, `forced failure ${forced}`);
        const boundRoom = this.sessionRooms.get(sessionId);
        if (!this.knownSessions.has(sessionId) || (boundRoom !== undefined && boundRoom !== event.getRoomId())) {
            throw new DecryptionError(
                DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID,
                "The sender's device has not sent us the keys for this message.",
            );
        }
        const payload = decodeCiphertext(content.ciphertext);
        const expected = payload.state_key === undefined ? undefined : `${payload.type}:${payload.state_key}`;
        // rust-crypto sends getStateKey(), not getWireStateKey(): that is what breaks retries.
        if (this.validateStateKeys && event.getStateKey() !== expected) {
            throw new DecryptionError(
                DecryptionFailureCode.UNKNOWN_ERROR,
                "decryption failed because the state key failed to validate",
            );
        }
        this.pending(sessionId).delete(event);
        return {
            clearEvent: {
                type: payload.type,
                content: payload.content,
                state_key: payload.state_key,
                room_id: payload.room_id,
            },
        };
    }

    private pending(sessionId: string): Set<MatrixEvent> {
        let set = this.pendingBySession.get(sessionId);
        if (!set) {
            set = new Set();
            this.pendingBySession.set(sessionId, set);
        }
        return set;
    }
}

/** Reads a fake ciphertext; anything damaged fails like a Megolm MAC check (`UNKNOWN_ERROR`). */
function decodeCiphertext(ciphertext: unknown): FakeStatePayload {
    try {
        const payload: unknown = JSON.parse(Buffer.from(String(ciphertext), "base64").toString("utf8"));
        if (typeof payload !== "object" || payload === null) throw new Error("not an object");
        return payload as FakeStatePayload;
    } catch {
        throw new DecryptionError(DecryptionFailureCode.UNKNOWN_ERROR, "bad MAC: the ciphertext is damaged");
    }
}
