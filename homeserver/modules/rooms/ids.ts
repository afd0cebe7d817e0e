import { randomBytes, randomInt } from "node:crypto";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A new event id: `$` and 43 URL-safe base64 characters, the shape of room v4+ ids. */
export const newEventId = (): string => `$${randomBytes(32).toString("base64url")}`;

/** A new room id like Synapse's: `!` and 18 letters, then the server name. */
export function newRoomId(serverName: string): string {
    let local = "";
    for (let i = 0; i < 18; i++) local += LETTERS[randomInt(LETTERS.length)];
    return `!${local}:${serverName}`;
}

/** JSON with object keys sorted at every level, to compare contents the way Synapse does. */
export function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
    if (value && typeof value === "object") {
        const entries = Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
        return `{${entries.join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}
