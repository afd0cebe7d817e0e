import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";

/** scrypt cost parameters; stored with every hash so they can change without breaking old ones. */
const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: typeof COST): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (err, key) =>
            err ? reject(err) : resolve(key),
        );
    });
}

/**
 * Hashes a password with scrypt and a random salt. The result is self-describing:
 * `scrypt$N$r$p$salt$hash` (salt and hash base64).
 */
export async function hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, COST);
    return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
    salt: Buffer;
    key: Buffer;
    cost: typeof COST;
}

function parse(stored: string): ParsedHash | undefined {
    const parts = stored.split("$");
    if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    return { cost: { N, r, p }, salt: Buffer.from(parts[4], "base64"), key: Buffer.from(parts[5], "base64") };
}

/** Checks a password against a stored hash without blocking the event loop. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.cost);
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Synchronous variant, for callers that cannot await (the accounts service interface). */
export function verifyPasswordSync(password: string, stored: string): boolean {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = scryptSync(password, parsed.salt, KEY_LENGTH, { ...parsed.cost, maxmem: 64 * 1024 * 1024 });
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
