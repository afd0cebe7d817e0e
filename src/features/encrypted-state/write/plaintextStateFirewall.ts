import { EventType } from "matrix-js-sdk";
import { ROOM_METADATA_EVENT_TYPES } from "../metadataFields.ts";
import { PlaintextStateWriteRefusedError } from "./PlaintextStateWriteRefusedError.ts";
import { mayEnableStateEncryption } from "../stateEncryptionFlag.ts";

// SDK-BUG(6): the same rule as the guard, at the network edge, for any path that bypasses it.

/**
 * The room profile events that must never leave in plaintext in a room that encrypts its state.
 *
 * @experimental MSC4362
 */
export const PROTECTED_PROFILE_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(ROOM_METADATA_EVENT_TYPES));

/** Methods that cannot write state; every other method is inspected. */
const READ_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** A room and event type that a request path addresses as a state write. */
interface StateTarget {
    readonly roomId: string;
    readonly eventType: string;
}

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
 * It refuses any write (every method but GET/HEAD/OPTIONS, under any `/_matrix/client/` prefix,
 * after percent-decoding) to `…/rooms/{id}/state/m.room.name|topic|avatar` with non-empty content for rooms
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
        if (READ_METHODS.has(method)) return this.options.fetchFn(input, init);
        const segments = clientApiSegments(new URL(isRequest(input) ? input.url : input.toString()).pathname);
        if (segments === null) return this.options.fetchFn(input, init);
        const targets = stateTargets(segments);
        if (targets.length > 0) return this.stateRequest(targets, input, init);
        if (segments.at(-1) === "createRoom") return this.createRoomRequest(input, init);
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
        targets: readonly StateTarget[],
        input: RequestInfo | URL,
        init: RequestInit | undefined,
    ): Promise<Response> {
        const body = readBody(input, init);
        for (const { roomId, eventType } of targets) {
            if (PROTECTED_PROFILE_EVENT_TYPES.has(eventType) && this.isProtectedRoom(roomId) && !isEmptyObject(body)) {
                throw new PlaintextStateWriteRefusedError("blocked_by_firewall", roomId, eventType);
            }
        }
        const response = await this.options.fetchFn(input, init);
        if (!response.ok || !enablesStateEncryption(body)) return response;
        for (const { roomId, eventType } of targets) {
            if (eventType === EventType.RoomEncryption) this.learnedRooms.add(roomId);
        }
        return response;
    }

    private async createRoomRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
        const body = readBody(input, init);
        if (body.kind === "opaque") throw new PlaintextStateWriteRefusedError("blocked_by_firewall", null, null);
        const request = body.kind === "json" && isRecord(body.value) ? body.value : {};
        const encryptsState = initialState(request).some(
            (event) =>
                event.type === EventType.RoomEncryption && mayEnableStateEncryption(recordOrUndefined(event.content)),
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
    return body.kind === "json" && mayEnableStateEncryption(recordOrUndefined(body.value));
}

/**
 * The decoded segments of a client-server API path after `/_matrix/client/`, or null for any
 * other path. Every prefix is accepted (`v3`, `r0`, `api/v1`, `unstable/…`): servers route
 * several, and an unknown one must not become a way around the firewall.
 */
function clientApiSegments(pathname: string): string[] | null {
    const segments = pathname.split("/").map(decodeSegment);
    if (segments[0] !== "" || segments[1] !== "_matrix" || segments[2] !== "client") return null;
    // A trailing slash (or several) adds empty segments that no router gives a meaning to.
    while (segments.length > 3 && segments.at(-1) === "") segments.pop();
    return segments.slice(3);
}

/**
 * Every `rooms/{roomId}/state/{eventType}` in the path. All of them, not just the first or the
 * last: a state key may itself contain slashes (and so another `rooms/…/state/…`), and the
 * firewall must refuse whichever reading the server takes.
 */
function stateTargets(segments: readonly string[]): StateTarget[] {
    const targets: StateTarget[] = [];
    for (let i = 0; i + 3 < segments.length; i++) {
        if (segments[i] === "rooms" && segments[i + 2] === "state") {
            targets.push({ roomId: segments[i + 1], eventType: segments[i + 3] });
        }
    }
    return targets;
}

/** Percent-decodes a path segment; a malformed escape is decoded leniently, as servers do. */
function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
}

/**
 * Reads the body the SDK sends: a JSON string for every request the firewall inspects. A body
 * held by a `Request` object (not `init`) cannot be read synchronously, so it is opaque.
 */
function readBody(input: RequestInfo | URL, init: RequestInit | undefined): ReadBody {
    const body = init?.body;
    if (body === undefined || body === null) {
        return isRequest(input) && input.body !== null ? { kind: "opaque" } : { kind: "none" };
    }
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
