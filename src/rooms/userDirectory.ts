import type { MatrixClient } from "matrix-js-sdk";

/** A person the user directory found. */
export interface UserSuggestion {
    /** Their Matrix ID. */
    readonly userId: string;
    /** Their display name, when they have one. */
    readonly displayName?: string;
}

/**
 * Searches the homeserver's user directory, leaving out the signed-in user.
 * @param client - the client to search with
 * @param term - what the user typed
 * @param limit - the most results wanted
 * @returns the matches, in the server's order
 * @throws the SDK's error when the server refuses or cannot be reached
 */
export async function searchUserDirectory(client: MatrixClient, term: string, limit = 8): Promise<UserSuggestion[]> {
    const { results } = await client.searchUserDirectory({ term, limit });
    const self = client.getUserId();
    return results
        .filter((r) => typeof r.user_id === "string" && r.user_id !== self)
        .map((r) => ({
            userId: r.user_id,
            ...(typeof r.display_name === "string" && r.display_name ? { displayName: r.display_name } : {}),
        }));
}

/** A Matrix user ID: `@localpart:server`. */
const USER_ID = /^@[^:\s]+:\S+$/;
/** What may be a localpart alone (the historical user ID grammar, as servers accept it). */
const LOCALPART = /^[a-z0-9._=\-/+]+$/i;

/**
 * Turns what the user typed into a Matrix ID: a full ID as is, a localpart (with or without
 * the leading `@`) completed with the given server name.
 * @param input - the typed text
 * @param serverName - the signed-in user's server name
 * @returns the user ID, or null when the text is neither
 */
export function resolveInvitee(input: string, serverName: string): string | null {
    const text = input.trim();
    if (USER_ID.test(text)) return text;
    const localpart = text.startsWith("@") ? text.slice(1) : text;
    return LOCALPART.test(localpart) ? `@${localpart.toLowerCase()}:${serverName}` : null;
}
