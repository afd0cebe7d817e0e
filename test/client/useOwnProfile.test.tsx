import { act, renderHook, waitFor } from "@testing-library/react";
import { User, UserEvent } from "matrix-js-sdk";
import { useOwnProfile } from "../../src/client/useOwnProfile.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { makeClient } from "../test-utils/room.ts";

const PROFILE_PATH = /^\/_matrix\/client\/v3\/profile\/[^/]+$/;

/** A real client for `userId` whose server has `displayname` and accepts renames. */
function startedClient(userId: string, displayname: string) {
    const server = new FakeServer();
    const profile = { displayname };
    server.on("GET", PROFILE_PATH, () => ({ body: { ...profile } }));
    server.on("PUT", /\/displayname$/, (request) => {
        profile.displayname = (request.body as { displayname: string }).displayname;
        return { body: {} };
    });
    const client = makeClient(userId, server);
    // What startClient does first: the own User, which knows only the user id.
    client.store.storeUser(new User(userId));
    return { client, server };
}

describe("useOwnProfile", () => {
    it("should render the server's display name, then a rename", async () => {
        // Given Alice in no room
        const { client } = startedClient("@alice:example.org", "Alice");
        const { result } = renderHook(() => useOwnProfile(client));
        expect(result.current.displayName).toBe("@alice:example.org");
        await waitFor(() => expect(result.current.displayName).toBe("Alice"));

        // When she renames herself the way Settings → General does
        await act(() => client.setDisplayName("Alice Liddell"));

        // Then the hook re-renders with the new name
        expect(result.current).toEqual({
            userId: "@alice:example.org",
            displayName: "Alice Liddell",
            avatarMxc: undefined,
        });
    });

    it("should follow the new client's profile when the client changes, and let go of the old", async () => {
        const alice = startedClient("@alice:example.org", "Alice");
        const bob = startedClient("@bob:example.org", "Bob");
        const { result, rerender, unmount } = renderHook(({ client }) => useOwnProfile(client), {
            initialProps: { client: alice.client },
        });
        await waitFor(() => expect(result.current.displayName).toBe("Alice"));

        rerender({ client: bob.client });
        await waitFor(() => expect(result.current).toMatchObject({ userId: "@bob:example.org", displayName: "Bob" }));
        expect(alice.client.getUser("@alice:example.org")!.listenerCount(UserEvent.DisplayName)).toBe(0);

        unmount();
        expect(bob.client.getUser("@bob:example.org")!.listenerCount(UserEvent.DisplayName)).toBe(0);
    });
});
