import type { Db } from "../db.ts";
import { applySchema } from "../db.ts";
import { localpartOf, newAccessToken, newDeviceId } from "../util/ids.ts";

/** A device as the devices API returns it. */
export interface DeviceRow {
    device_id: string;
    display_name: string | null;
    last_seen_ts: number | null;
}

/** Who an access token belongs to. */
export interface TokenOwner {
    userId: string;
    deviceId: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY,
    password_hash TEXT,
    admin INTEGER NOT NULL DEFAULT 0,
    created_ts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS devices (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    display_name TEXT,
    last_seen_ts INTEGER,
    PRIMARY KEY (user_id, device_id)
);
CREATE TABLE IF NOT EXISTS access_tokens (
    token TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_tokens_device ON access_tokens (user_id, device_id);
`;

/** Only bump a device's `last_seen_ts` when it is older than this, so requests stay read-only. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Storage for users, devices and access tokens. Pure data access: rules live in the endpoints. */
export class AccountStore {
    private readonly db: Db;

    constructor(db: Db) {
        this.db = db;
        applySchema(db, SCHEMA);
    }

    /** True when the user id is registered. */
    userExists(userId: string): boolean {
        return this.db.prepare("SELECT 1 FROM users WHERE user_id = ?").get(userId) !== undefined;
    }

    /** Creates a user row. */
    createUser(userId: string, passwordHash: string | null, admin: boolean): void {
        this.db
            .prepare("INSERT INTO users (user_id, password_hash, admin, created_ts) VALUES (?, ?, ?, ?)")
            .run(userId, passwordHash, admin ? 1 : 0, Date.now());
    }

    /** The stored password hash, or undefined (unknown user or no password). */
    passwordHash(userId: string): string | undefined {
        const row = this.db.prepare("SELECT password_hash FROM users WHERE user_id = ?").get(userId) as
            { password_hash: string | null } | undefined;
        return row?.password_hash ?? undefined;
    }

    /** Replaces a user's password hash. */
    setPasswordHash(userId: string, passwordHash: string): void {
        this.db.prepare("UPDATE users SET password_hash = ? WHERE user_id = ?").run(passwordHash, userId);
    }

    /**
     * A free numeric localpart for registrations without a username (Synapse numbers them
     * too). Starts above the largest numeric localpart in use.
     */
    generateLocalpart(serverName: string): string {
        const rows = this.db.prepare("SELECT user_id FROM users").all() as Array<{ user_id: string }>;
        let max = 0;
        for (const { user_id } of rows) {
            const local = localpartOf(user_id) ?? "";
            if (/^\d+$/.test(local) && user_id.endsWith(`:${serverName}`)) max = Math.max(max, Number(local));
        }
        return String(max + 1);
    }

    /**
     * Ensures the device exists; creates it (with a fresh id when none is given).
     * @returns the device id and whether it was created now
     */
    ensureDevice(
        userId: string,
        deviceId: string | undefined,
        displayName: string | undefined,
    ): { deviceId: string; created: boolean } {
        const id = deviceId ?? newDeviceId();
        if (deviceId !== undefined && this.device(userId, deviceId)) return { deviceId: id, created: false };
        this.db
            .prepare("INSERT INTO devices (user_id, device_id, display_name, last_seen_ts) VALUES (?, ?, ?, ?)")
            .run(userId, id, displayName ?? null, Date.now());
        return { deviceId: id, created: true };
    }

    /** One device, or undefined. */
    device(userId: string, deviceId: string): DeviceRow | undefined {
        return this.db
            .prepare("SELECT device_id, display_name, last_seen_ts FROM devices WHERE user_id = ? AND device_id = ?")
            .get(userId, deviceId) as DeviceRow | undefined;
    }

    /** All of a user's devices, oldest id first. */
    devices(userId: string): DeviceRow[] {
        return this.db
            .prepare("SELECT device_id, display_name, last_seen_ts FROM devices WHERE user_id = ? ORDER BY device_id")
            .all(userId) as unknown as DeviceRow[];
    }

    /** Renames a device; false when it does not exist. */
    renameDevice(userId: string, deviceId: string, displayName: string | null): boolean {
        const result = this.db
            .prepare("UPDATE devices SET display_name = ? WHERE user_id = ? AND device_id = ?")
            .run(displayName, userId, deviceId);
        return Number(result.changes) > 0;
    }

    /** Deletes a device and every access token of it; false when it did not exist. */
    deleteDevice(userId: string, deviceId: string): boolean {
        this.revokeDeviceTokens(userId, deviceId);
        const result = this.db.prepare("DELETE FROM devices WHERE user_id = ? AND device_id = ?").run(userId, deviceId);
        return Number(result.changes) > 0;
    }

    /** Issues a new access token for a device. */
    issueToken(userId: string, deviceId: string): string {
        const token = newAccessToken(localpartOf(userId) ?? "user");
        this.db
            .prepare("INSERT INTO access_tokens (token, user_id, device_id) VALUES (?, ?, ?)")
            .run(token, userId, deviceId);
        return token;
    }

    /** Revokes every token of a device (a login that reuses a device id replaces its token). */
    revokeDeviceTokens(userId: string, deviceId: string): void {
        this.db.prepare("DELETE FROM access_tokens WHERE user_id = ? AND device_id = ?").run(userId, deviceId);
    }

    /** The owner of a token, or undefined when the token is unknown or revoked. */
    tokenOwner(token: string): TokenOwner | undefined {
        const row = this.db.prepare("SELECT user_id, device_id FROM access_tokens WHERE token = ?").get(token) as
            { user_id: string; device_id: string } | undefined;
        return row ? { userId: row.user_id, deviceId: row.device_id } : undefined;
    }

    /** Records that a device was used now (coarsely, to avoid a write per request). */
    touchDevice(userId: string, deviceId: string): void {
        const now = Date.now();
        this.db
            .prepare(
                "UPDATE devices SET last_seen_ts = ? WHERE user_id = ? AND device_id = ? AND (last_seen_ts IS NULL OR last_seen_ts < ?)",
            )
            .run(now, userId, deviceId, now - LAST_SEEN_RESOLUTION_MS);
    }
}
