import type { Db } from "../db.ts";
import { applySchema, transaction } from "../db.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS e2e_device_keys (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    key_json TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
CREATE TABLE IF NOT EXISTS e2e_one_time_keys (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    key_id TEXT NOT NULL,
    key_json TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id, algorithm, key_id)
);
CREATE TABLE IF NOT EXISTS e2e_fallback_keys (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    key_id TEXT NOT NULL,
    key_json TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, device_id, algorithm)
);
CREATE TABLE IF NOT EXISTS e2e_cross_signing_keys (
    user_id TEXT NOT NULL,
    usage TEXT NOT NULL,
    key_json TEXT NOT NULL,
    PRIMARY KEY (user_id, usage)
);
CREATE TABLE IF NOT EXISTS e2e_signatures (
    target_user_id TEXT NOT NULL,
    target_key_id TEXT NOT NULL,
    signer_user_id TEXT NOT NULL,
    signer_key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (target_user_id, target_key_id, signer_user_id, signer_key_id)
);
CREATE TABLE IF NOT EXISTS device_list_changes (
    user_id TEXT NOT NULL,
    stream_pos INTEGER NOT NULL,
    -- NULL: everyone sharing a room sees the change; otherwise only this user (a signature they made).
    visible_to TEXT
);
CREATE INDEX IF NOT EXISTS device_list_changes_pos ON device_list_changes (stream_pos);
`;

/** A signed JSON object (device keys, one-time keys, cross-signing keys). */
export type SignedJson = Record<string, unknown> & { signatures?: Record<string, Record<string, string>> };

/** The three cross-signing key usages. */
export type CrossSigningUsage = "master" | "self_signing" | "user_signing";

/** The public key of a cross-signing key (the part after `ed25519:` of its only key id). */
export function publicKeyOf(key: SignedJson): string {
    const keys = key.keys !== null && typeof key.keys === "object" ? key.keys : {};
    const keyId = Object.keys(keys)[0] ?? "";
    return keyId.slice(keyId.indexOf(":") + 1);
}

/** Storage for end-to-end encryption keys, signatures and device-list changes. */
export class KeyStore {
    private readonly db: Db;

    constructor(db: Db) {
        this.db = db;
        applySchema(db, SCHEMA);
    }

    /** A device's uploaded identity keys (as uploaded), or undefined. */
    deviceKeys(userId: string, deviceId: string): SignedJson | undefined {
        const row = this.db
            .prepare("SELECT key_json FROM e2e_device_keys WHERE user_id = ? AND device_id = ?")
            .get(userId, deviceId) as { key_json: string } | undefined;
        return row ? (JSON.parse(row.key_json) as SignedJson) : undefined;
    }

    /** Stores a device's identity keys. @returns true when they differ from what was stored */
    setDeviceKeys(userId: string, deviceId: string, keys: SignedJson): boolean {
        const json = JSON.stringify(keys);
        const old = this.db
            .prepare("SELECT key_json FROM e2e_device_keys WHERE user_id = ? AND device_id = ?")
            .get(userId, deviceId) as { key_json: string } | undefined;
        if (old?.key_json === json) return false;
        this.db
            .prepare("INSERT OR REPLACE INTO e2e_device_keys (user_id, device_id, key_json) VALUES (?, ?, ?)")
            .run(userId, deviceId, json);
        return true;
    }

    /** The stored one-time key with this id, as JSON text, or undefined. */
    oneTimeKey(userId: string, deviceId: string, algorithm: string, keyId: string): string | undefined {
        const row = this.db
            .prepare(
                "SELECT key_json FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ? AND algorithm = ? AND key_id = ?",
            )
            .get(userId, deviceId, algorithm, keyId) as { key_json: string } | undefined;
        return row?.key_json;
    }

    /** Adds a one-time key (ignored when the same id is already stored). */
    addOneTimeKey(userId: string, deviceId: string, algorithm: string, keyId: string, key: unknown): void {
        this.db
            .prepare(
                "INSERT OR IGNORE INTO e2e_one_time_keys (user_id, device_id, algorithm, key_id, key_json) VALUES (?, ?, ?, ?, ?)",
            )
            .run(userId, deviceId, algorithm, keyId, JSON.stringify(key));
    }

    /** Unclaimed one-time keys per algorithm. */
    oneTimeKeyCounts(userId: string, deviceId: string): Record<string, number> {
        const rows = this.db
            .prepare(
                "SELECT algorithm, COUNT(*) AS n FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ? GROUP BY algorithm",
            )
            .all(userId, deviceId) as Array<{ algorithm: string; n: number }>;
        return Object.fromEntries(rows.map((r) => [r.algorithm, r.n]));
    }

    /** Replaces the fallback key of an algorithm (marked unused). */
    setFallbackKey(userId: string, deviceId: string, algorithm: string, keyId: string, key: unknown): void {
        this.db
            .prepare(
                "INSERT OR REPLACE INTO e2e_fallback_keys (user_id, device_id, algorithm, key_id, key_json, used) VALUES (?, ?, ?, ?, ?, 0)",
            )
            .run(userId, deviceId, algorithm, keyId, JSON.stringify(key));
    }

    /** Algorithms with a fallback key nobody has claimed yet. */
    unusedFallbackKeyTypes(userId: string, deviceId: string): string[] {
        const rows = this.db
            .prepare(
                "SELECT algorithm FROM e2e_fallback_keys WHERE user_id = ? AND device_id = ? AND used = 0 ORDER BY algorithm",
            )
            .all(userId, deviceId) as Array<{ algorithm: string }>;
        return rows.map((r) => r.algorithm);
    }

    /**
     * Claims one key of an algorithm for a device: a one-time key (consumed), else the
     * fallback key (kept, marked used). @returns `{"algorithm:key_id": key}` or undefined
     */
    claimKey(userId: string, deviceId: string, algorithm: string): Record<string, unknown> | undefined {
        return transaction(this.db, () => {
            const otk = this.db
                .prepare(
                    "SELECT key_id, key_json FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ? AND algorithm = ? ORDER BY key_id LIMIT 1",
                )
                .get(userId, deviceId, algorithm) as { key_id: string; key_json: string } | undefined;
            if (otk) {
                this.db
                    .prepare(
                        "DELETE FROM e2e_one_time_keys WHERE user_id = ? AND device_id = ? AND algorithm = ? AND key_id = ?",
                    )
                    .run(userId, deviceId, algorithm, otk.key_id);
                return { [`${algorithm}:${otk.key_id}`]: JSON.parse(otk.key_json) as unknown };
            }
            const fallback = this.db
                .prepare(
                    "SELECT key_id, key_json FROM e2e_fallback_keys WHERE user_id = ? AND device_id = ? AND algorithm = ?",
                )
                .get(userId, deviceId, algorithm) as { key_id: string; key_json: string } | undefined;
            if (!fallback) return undefined;
            this.db
                .prepare("UPDATE e2e_fallback_keys SET used = 1 WHERE user_id = ? AND device_id = ? AND algorithm = ?")
                .run(userId, deviceId, algorithm);
            return { [`${algorithm}:${fallback.key_id}`]: JSON.parse(fallback.key_json) as unknown };
        });
    }

    /** Forgets everything about a deleted device. */
    deleteDevice(userId: string, deviceId: string): void {
        for (const table of ["e2e_device_keys", "e2e_one_time_keys", "e2e_fallback_keys"]) {
            this.db.prepare(`DELETE FROM ${table} WHERE user_id = ? AND device_id = ?`).run(userId, deviceId);
        }
        this.db
            .prepare("DELETE FROM e2e_signatures WHERE target_user_id = ? AND target_key_id = ?")
            .run(userId, deviceId);
    }

    /** A user's cross-signing key of one usage, or undefined. */
    crossSigningKey(userId: string, usage: CrossSigningUsage): SignedJson | undefined {
        const row = this.db
            .prepare("SELECT key_json FROM e2e_cross_signing_keys WHERE user_id = ? AND usage = ?")
            .get(userId, usage) as { key_json: string } | undefined;
        return row ? (JSON.parse(row.key_json) as SignedJson) : undefined;
    }

    /** Stores a cross-signing key; a new key drops the signatures made on the old one. */
    setCrossSigningKey(userId: string, usage: CrossSigningUsage, key: SignedJson): void {
        const old = this.crossSigningKey(userId, usage);
        if (old) {
            for (const keyId of Object.keys((old.keys ?? {}) as Record<string, string>)) {
                this.db
                    .prepare("DELETE FROM e2e_signatures WHERE target_user_id = ? AND target_key_id = ?")
                    .run(userId, keyId.split(":").slice(1).join(":"));
            }
        }
        this.db
            .prepare("INSERT OR REPLACE INTO e2e_cross_signing_keys (user_id, usage, key_json) VALUES (?, ?, ?)")
            .run(userId, usage, JSON.stringify(key));
    }

    /** Stores one signature over a device (by device id) or a cross-signing key (by public key). */
    addSignature(
        target: { userId: string; keyId: string },
        signer: { userId: string; keyId: string },
        signature: string,
    ): void {
        this.db
            .prepare(
                "INSERT OR REPLACE INTO e2e_signatures (target_user_id, target_key_id, signer_user_id, signer_key_id, signature) VALUES (?, ?, ?, ?, ?)",
            )
            .run(target.userId, target.keyId, signer.userId, signer.keyId, signature);
    }

    /** Signatures stored separately over a key, optionally only those by one signer. */
    signaturesOn(
        userId: string,
        keyId: string,
        signerUserId?: string,
    ): Array<{ signer: string; keyId: string; sig: string }> {
        const rows = this.db
            .prepare(
                "SELECT signer_user_id, signer_key_id, signature FROM e2e_signatures WHERE target_user_id = ? AND target_key_id = ?",
            )
            .all(userId, keyId) as Array<{ signer_user_id: string; signer_key_id: string; signature: string }>;
        return rows
            .filter((r) => signerUserId === undefined || r.signer_user_id === signerUserId)
            .map((r) => ({ signer: r.signer_user_id, keyId: r.signer_key_id, sig: r.signature }));
    }

    /** Records that a user's devices or keys changed (seen by `visibleTo` only, when given). */
    recordChange(userId: string, pos: number, visibleTo?: string): void {
        this.db
            .prepare("INSERT INTO device_list_changes (user_id, stream_pos, visible_to) VALUES (?, ?, ?)")
            .run(userId, pos, visibleTo ?? null);
    }

    /**
     * Users whose devices or keys changed in (from, to]: `shared` changes concern whoever
     * shares a room with the user; `private` ones were made by (and only concern) `viewer`.
     */
    changedUsers(viewer: string, from: number, to: number): { shared: Set<string>; private: Set<string> } {
        const rows = this.db
            .prepare(
                "SELECT DISTINCT user_id, visible_to FROM device_list_changes WHERE stream_pos > ? AND stream_pos <= ? AND (visible_to IS NULL OR visible_to = ?)",
            )
            .all(from, to, viewer) as Array<{ user_id: string; visible_to: string | null }>;
        const result = { shared: new Set<string>(), private: new Set<string>() };
        for (const r of rows) (r.visible_to === null ? result.shared : result.private).add(r.user_id);
        return result;
    }
}
