import { randomBytes } from "node:crypto";

/**
 * A string no server, log or other test could hold by chance: a readable label and 24 random
 * hex digits, joined by hyphens so it survives URL and JSON encoding byte for byte.
 * @param label - what it is, such as "Room-name"
 * @returns e.g. `Room-name-4f1c0d9ae2b7735c61a0e9d2`
 */
export function secretText(label: string): string {
    return `${label}-${randomBytes(12).toString("hex")}`;
}
