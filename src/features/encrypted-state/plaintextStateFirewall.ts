import { EventType } from "matrix-js-sdk";
import { ROOM_METADATA_EVENT_TYPES } from "./metadataFields.ts";
import { PlaintextStateWriteRefusedError } from "./PlaintextStateWriteRefusedError.ts";
import { isStateEncryptionRequested } from "./stateEncryptionFlag.ts";

/**
 * The room profile events that must never leave in plaintext in a room that encrypts its state.
 *
 * @experimental MSC4362
 */
export const PROTECTED_PROFILE_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(ROOM_METADATA_EVENT_TYPES));

const CLIENT_API = String.raw`^/_matrix/client/(?:v3|r0|unstable)`;
const STATE_PATH = new RegExp(`${CLIENT_API}/rooms/([^/]+)/state/([^/]+)(?:/[^/]*)?$`);
const CREATE_ROOM_PATH = new RegExp(`${CLIENT_API}/createRoom$`);

/** Options of {@link PlaintextStateFirewall}. */
export interface PlaintextStateFirewallOptions {
    /** The real network call. */
    readonly fetchFn: typeof fetch;
    /**
     * Whether the client's room state says the room encrypts its state (normally
     * `roomEncryptsState(client.getRoom(roomId))`).
     */
    readonly roomEncryptsState: (roomId: string) => boolean;
}

/** A request body as far as the firewall could read it. */
type ReadBody =
    { readonly kind: "none" } | { readonly kind: "json"; readonly value: unknown } | { readonly kind: "opaque" };

/**
 * Defence in depth at the network edge, behind the write-path guard: a `fetchFn` for the SDK that
 * throws, before anything is sent, on a request that would put a room's name, topic or avatar on
 * the wire in plaintext in a room that encrypts its state. It covers any code path, including
 * ones that call the SDK directly.
 *
 * It refuses `PUT …/rooms/{id}/state/m.room.name|topic|avatar` with non-empty content for rooms
 * known to encrypt their state (from the client's room state, or learned from this client's own
 * successful `createRoom` and `m.room.encryption` requests, which precede the sync), and any
 * `POST …/createRoom` whose `initial_state` turns on MSC4362 while the body carries a name,
 * topic or avatar in plaintext. Empty content is let through: clearing a plaintext copy reveals
 * nothing.
 *
 * @experimental MSC4362
 */
export class PlaintextStateFirewall {
    private readonly learnedRooms = new Set<string>();

    /** @param options - the real fetch and the room-state lookup */
    public constructor(private readonly options: PlaintextStateFirewallOptions) {}

    /** The `fetchFn` to give to `createClient`. */
    public readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        const method = (init?.method ?? (isRequest(input) ? input.method : "GET")).toUpperCase();
        const path = new URL(isRequest(input) ? input.url : input.toString()).pathname;
        if (method === "PUT") {
            const match = STATE_PATH.exec(path);
            if (match)
                return this.stateRequest(decodeURIComponent(match[1]), decodeURIComponent(match[2]), input, init);
        }
        if (method === "POST" && CREATE_ROOM_PATH.test(path)) return this.createRoomRequest(input, init);
        return this.options.fetchFn(input, init);
    };

    /**
     * Whether the firewall treats a room as encrypting its state.
     * @param roomId - the room
     * @returns true when the client's state or this client's own requests say so
     */
    public isProtectedRoom(roomId: string): boolean {
        return this.learnedRooms.has(roomId) || this.options.roomEncryptsState(roomId);
    }

    private async stateRequest(
        roomId: string,
        eventType: string,
        input: RequestInfo | URL,
        init: RequestInit | undefined,
    ): Promise<Response> {
        const body = readBody(init);
        if (PROTECTED_PROFILE_EVENT_TYPES.has(eventType) && this.isProtectedRoom(roomId) && !isEmptyObject(body)) {
            throw new PlaintextStateWriteRefusedError("blocked_by_firewall", roomId, eventType);
        }
        const response = await this.options.fetchFn(input, init);
        if (eventType === EventType.RoomEncryption && response.ok && enablesStateEncryption(body)) {
            this.learnedRooms.add(roomId);
        }
        return response;
    }

    private async createRoomRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
        const body = readBody(init);
        if (body.kind === "opaque") throw new PlaintextStateWriteRefusedError("blocked_by_firewall", null, null);
        const request = body.kind === "json" && isRecord(body.value) ? body.value : {};
        const encryptsState = initialState(request).some(
            (event) =>
                event.type === EventType.RoomEncryption && isStateEncryptionRequested(recordOrUndefined(event.content)),
        );
        if (encryptsState && revealsProfile(request)) {
            throw new PlaintextStateWriteRefusedError("blocked_by_firewall", null, null);
        }
        const response = await this.options.fetchFn(input, init);
        if (encryptsState && response.ok) {
            const reply: unknown = await response
                .clone()
                .json()
                .catch(() => undefined);
            if (isRecord(reply) && typeof reply.room_id === "string") this.learnedRooms.add(reply.room_id);
        }
        return response;
    }
}

/** Whether a `createRoom` body puts a name, topic or avatar in plaintext. */
function revealsProfile(request: Record<string, unknown>): boolean {
    if (request.name !== undefined || request.topic !== undefined) return true;
    return initialState(request).some(
        (event) =>
            typeof event.type === "string" &&
            PROTECTED_PROFILE_EVENT_TYPES.has(event.type) &&
            !isEmptyContent(event.content),
    );
}

function initialState(request: Record<string, unknown>): Record<string, unknown>[] {
    return Array.isArray(request.initial_state) ? request.initial_state.filter(isRecord) : [];
}

function enablesStateEncryption(body: ReadBody): boolean {
    return body.kind === "json" && isStateEncryptionRequested(recordOrUndefined(body.value));
}

/** Reads the body the SDK sends: a JSON string for every request the firewall inspects. */
function readBody(init: RequestInit | undefined): ReadBody {
    const body = init?.body;
    if (body === undefined || body === null) return { kind: "none" };
    if (typeof body !== "string") return { kind: "opaque" };
    try {
        return { kind: "json", value: JSON.parse(body) as unknown };
    } catch {
        return { kind: "opaque" };
    }
}

function isEmptyObject(body: ReadBody): boolean {
    return body.kind === "json" && isEmptyContent(body.value);
}

function isEmptyContent(content: unknown): boolean {
    return isRecord(content) && Object.keys(content).length === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordOrUndefined(value: unknown): Record<string, unknown> | undefined {
    return isRecord(value) ? value : undefined;
}

function isRequest(input: RequestInfo | URL): input is Request {
    return typeof input === "object" && !(input instanceof URL) && "url" in input;
}
