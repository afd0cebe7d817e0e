import { ClientEvent, MatrixEvent, SyncState, User, UserEvent, type MatrixClient } from "matrix-js-sdk";
import { OwnProfileStore } from "../../src/client/OwnProfileStore.ts";
import { FakeServer, type FakeReply } from "../test-utils/fakeServer.ts";
import { makeClient } from "../test-utils/room.ts";

const ME = "@alice:example.org";
const PROFILE_PATH = /^\/_matrix\/client\/v3\/profile\/[^/]+$/;
const DISPLAYNAME_PATH = /^\/_matrix\/client\/v3\/profile\/[^/]+\/displayname$/;

/** Lets the SDK finish requests and their replies (a few macrotask turns). */
async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A reply the test releases when it wants to. */
function heldReply(): { handler: () => Promise<FakeReply>; release: (reply: FakeReply) => void } {
    const releases: ((reply: FakeReply) => void)[] = [];
    return {
        handler: () => new Promise<FakeReply>((resolve) => releases.push(resolve)),
        release: (reply) => releases.shift()?.(reply),
    };
}

/** A real client whose server keeps Alice's profile in `profile`, like the homeserver does. */
function setup({ started = true }: { started?: boolean } = {}) {
    const server = new FakeServer();
    const profile: { displayname?: string; avatar_url?: string } = {
        displayname: "Alice",
        avatar_url: "mxc://example.org/alice",
    };
    server.on("GET", PROFILE_PATH, () => ({ body: { ...profile } }));
    server.on("PUT", DISPLAYNAME_PATH, (request) => {
        const { displayname } = request.body as { displayname: string };
        if (displayname) profile.displayname = displayname;
        else delete profile.displayname;
        return { body: {} };
    });
    const client = makeClient(ME, server);
    // What startClient does first: the own User, stored without re-emitting on the client.
    if (started) client.store.storeUser(new User(ME));
    const store = new OwnProfileStore(client);
    const onChange = jest.fn();
    const unsubscribe = store.subscribe(onChange);
    const profileRequests = () => server.requestsTo("GET", PROFILE_PATH).length;
    return { server, profile, client, store, onChange, unsubscribe, profileRequests };
}

function presence(client: MatrixClient, content: Record<string, unknown>): void {
    const event = new MatrixEvent({ type: "m.presence", sender: ME, content: { presence: "online", ...content } });
    client.getUser(ME)!.setPresenceEvent(event);
}

describe("OwnProfileStore", () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    beforeEach(() => {
        unhandled.length = 0;
        process.on("unhandledRejection", onUnhandled);
    });
    afterEach(() => {
        process.off("unhandledRejection", onUnhandled);
        expect(unhandled).toEqual([]);
    });

    it("should show the server's profile even though the SDK's own User only knows the user id", async () => {
        // Given a client in no room: the SDK's own User has the user id as its display name
        const { client, store, onChange, profileRequests } = setup();
        expect(client.getUser(ME)?.displayName).toBe(ME);
        // Then the user id stands in until the server replies, and its profile shows after
        expect(store.getSnapshot()).toEqual({ userId: ME, displayName: ME, avatarMxc: undefined });
        await settle();
        expect(store.getSnapshot()).toEqual({ userId: ME, displayName: "Alice", avatarMxc: "mxc://example.org/alice" });
        expect(onChange).toHaveBeenCalledTimes(1);
        expect(profileRequests()).toBe(1);
    });

    it("should ignore member names the SDK copies into the own User without an event", async () => {
        // Given the profile is shown
        const { client, store, onChange } = setup();
        await settle();
        // When the SDK's store overwrites the User with a room's disambiguated member name
        client.getUser(ME)!.setDisplayName(`Alice (${ME})`);
        await settle();
        // Then the global name stays
        expect(store.getSnapshot().displayName).toBe("Alice");
        expect(onChange).toHaveBeenCalledTimes(1);
    });

    it("should show a name changed with setDisplayName at once and confirm it with the server", async () => {
        // Given the profile is shown
        const { client, store, profileRequests } = setup();
        await settle();
        // When the name is changed the way Settings → General does it
        await client.setDisplayName("Alice Liddell");
        // Then it shows without waiting for the server, which is asked once more
        expect(store.getSnapshot().displayName).toBe("Alice Liddell");
        await settle();
        expect(store.getSnapshot()).toEqual({
            userId: ME,
            displayName: "Alice Liddell",
            avatarMxc: "mxc://example.org/alice",
        });
        expect(profileRequests()).toBe(2);
    });

    it("should fall back to the user id when the name is removed", async () => {
        const { client, store } = setup();
        await settle();
        await client.setDisplayName("");
        expect(store.getSnapshot().displayName).toBe(ME);
        await settle();
        expect(store.getSnapshot()).toEqual({ userId: ME, displayName: ME, avatarMxc: "mxc://example.org/alice" });
    });

    it("should follow profile changes that arrive as presence", async () => {
        const { client, store } = setup();
        await settle();
        presence(client, { displayname: "Al", avatar_url: "mxc://example.org/new" });
        expect(store.getSnapshot()).toMatchObject({ displayName: "Al", avatarMxc: "mxc://example.org/new" });
    });

    it("should not let a reply that predates a rename overwrite it", async () => {
        // Given the first profile request is still on its way when the name changes
        const { server, client, store } = setup();
        const held = heldReply();
        server.on("GET", PROFILE_PATH, held.handler);
        await settle();
        presence(client, { displayname: "New name" });
        // When the old reply arrives, then the new name stays, and the follow-up request confirms it
        held.release({ body: { displayname: "Old name" } });
        await settle();
        expect(store.getSnapshot().displayName).toBe("New name");
        held.release({ body: { displayname: "New name" } });
        await settle();
        expect(store.getSnapshot().displayName).toBe("New name");
    });

    it("should make one follow-up request for a burst of changes during a request", async () => {
        const { server, client, profileRequests } = setup();
        const held = heldReply();
        server.on("GET", PROFILE_PATH, held.handler);
        await settle();
        for (const name of ["B", "C", "D"]) presence(client, { displayname: name });
        held.release({ body: { displayname: "A" } });
        await settle();
        expect(profileRequests()).toBe(2);
        held.release({ body: { displayname: "D" } });
        await settle();
        expect(profileRequests()).toBe(2);
    });

    it.each<[string, FakeReply | (() => never)]>([
        ["an error reply", { status: 500, body: { errcode: "M_UNKNOWN", error: "Boom" } }],
        ["no profile", { status: 404, body: { errcode: "M_NOT_FOUND" } }],
        [
            "an unreachable server",
            () => {
                throw new TypeError("Failed to fetch");
            },
        ],
    ])("should keep showing the user id after %s, without retrying", async (_case, reply) => {
        const { server, store, onChange, profileRequests } = setup();
        server.on("GET", PROFILE_PATH, reply);
        await settle();
        await settle();
        expect(store.getSnapshot()).toEqual({ userId: ME, displayName: ME, avatarMxc: undefined });
        expect(onChange).not.toHaveBeenCalled();
        expect(profileRequests()).toBe(1);
    });

    it("should keep a name learnt from an event when the confirming request fails", async () => {
        const { server, client, store } = setup();
        await settle();
        server.on("GET", PROFILE_PATH, { status: 500, body: { errcode: "M_UNKNOWN" } });
        presence(client, { displayname: "Al" });
        await settle();
        expect(store.getSnapshot().displayName).toBe("Al");
    });

    it("should follow the own User once a sync stores it, when subscribed before the client started", async () => {
        // Given a store subscribed before startClient created the own User
        const { client, store } = setup({ started: false });
        await settle();
        // When the client starts and syncs
        client.store.storeUser(new User(ME));
        client.emit(ClientEvent.Sync, SyncState.Prepared, null);
        // Then its events are followed
        presence(client, { displayname: "Al" });
        expect(store.getSnapshot().displayName).toBe("Al");
    });

    it("should ask the server again when a sync reports an update of the own profile only", async () => {
        const { client, profile, store, profileRequests } = setup();
        await settle();
        client.emit(ClientEvent.UserProfileUpdate, "@bob:example.org", { displayname: "Bob" });
        await settle();
        expect(profileRequests()).toBe(1);
        profile.displayname = "Alice from elsewhere";
        client.emit(ClientEvent.UserProfileUpdate, ME, { displayname: "Alice from elsewhere" });
        await settle();
        expect(profileRequests()).toBe(2);
        expect(store.getSnapshot().displayName).toBe("Alice from elsewhere");
    });

    it("should stop listening and drop a pending reply once the last listener leaves", async () => {
        // Given the first request is on its way
        const { server, client, store, onChange, unsubscribe, profileRequests } = setup();
        const held = heldReply();
        server.on("GET", PROFILE_PATH, held.handler);
        await settle();
        // When the last listener unsubscribes before the reply and the name changes after
        unsubscribe();
        held.release({ body: { displayname: "Alice" } });
        await settle();
        presence(client, { displayname: "Al" });
        await settle();
        // Then nothing is applied, notified or requested
        expect(store.getSnapshot().displayName).toBe(ME);
        expect(onChange).not.toHaveBeenCalled();
        expect(profileRequests()).toBe(1);
        expect(client.getUser(ME)!.listenerCount(UserEvent.DisplayName)).toBe(0);
    });

    it("should fetch again when subscribed again", async () => {
        const { store, unsubscribe, profileRequests } = setup();
        await settle();
        unsubscribe();
        const again = jest.fn();
        store.subscribe(again);
        await settle();
        expect(profileRequests()).toBe(2);
        expect(store.getSnapshot().displayName).toBe("Alice");
    });
});
