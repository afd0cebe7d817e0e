import type { HomeserverContext, SyncRequestInfo, SyncResponse } from "../context.ts";
import { transaction } from "../db.ts";
import { MatrixError } from "../errors.ts";
import { isJsonObject, optionalObject, requireObject, requireQuery } from "../http/params.ts";
import { parseSyncToken } from "../streams.ts";
import { serverNameOf } from "../util/ids.ts";
import { accountEvents } from "./accountEvents.ts";
import { AccountStore } from "./accountStore.ts";
import { registerCrossSigning } from "./crossSigning.ts";
import { KeyStore, publicKeyOf, type SignedJson } from "./keyStore.ts";
import { registerRoomKeys } from "./roomKeys.ts";

const FALLBACK_FIELDS = ["fallback_keys", "org.matrix.msc2732.fallback_keys"];

/**
 * End-to-end encryption key distribution: `/keys/upload`, `/keys/query`, `/keys/claim`,
 * `/keys/changes`, cross-signing (see `crossSigning.ts`), key backup (`roomKeys.ts`), and
 * the `/sync` sections `device_lists`, `device_one_time_keys_count` and
 * `device_unused_fallback_key_types`.
 */
export function registerKeys(ctx: HomeserverContext): void {
    const store = new KeyStore(ctx.db);
    // Read-only use: device display names for `unsigned.device_display_name`.
    const accounts = new AccountStore(ctx.db);
    const base = "/_matrix/client/v3";

    /** Records a device-list change at a new stream position, which wakes waiting syncs. */
    const markChanged = (userId: string, visibleTo?: string): void => {
        store.recordChange(userId, ctx.streams.next(), visibleTo);
        ctx.streams.notify();
    };

    const events = accountEvents(ctx);
    events.on("deviceCreated", (userId) => markChanged(userId));
    events.on("deviceUpdated", (userId) => markChanged(userId));
    events.on("deviceDeleted", (userId, deviceId) => {
        store.deleteDevice(userId, deviceId);
        markChanged(userId);
    });

    ctx.router.add("POST", `${base}/keys/upload`, (req) => {
        const { userId, deviceId } = req.requester!;
        // All or nothing: a clashing one-time key must not leave half an upload behind.
        transaction(ctx.db, () => {
            const deviceKeys = optionalObject(req.body, "device_keys");
            if (deviceKeys) {
                if (deviceKeys.user_id !== userId || deviceKeys.device_id !== deviceId) {
                    throw new MatrixError(
                        400,
                        "M_INVALID_PARAM",
                        "Provided device keys do not match the authenticated device",
                    );
                }
                if (store.setDeviceKeys(userId, deviceId, deviceKeys)) markChanged(userId);
            }
            for (const [id, key] of Object.entries(optionalObject(req.body, "one_time_keys") ?? {})) {
                const [algorithm, keyId] = splitKeyId(id);
                const existing = store.oneTimeKey(userId, deviceId, algorithm, keyId);
                if (existing !== undefined && existing !== JSON.stringify(key)) {
                    throw new MatrixError(400, "M_UNKNOWN", `One time key ${id} already exists.`);
                }
                store.addOneTimeKey(userId, deviceId, algorithm, keyId, key);
            }
            for (const field of FALLBACK_FIELDS) {
                for (const [id, key] of Object.entries(optionalObject(req.body, field) ?? {})) {
                    const [algorithm, keyId] = splitKeyId(id);
                    store.setFallbackKey(userId, deviceId, algorithm, keyId, key);
                }
            }
        });
        return { one_time_key_counts: otkCounts(store, userId, deviceId) };
    });

    ctx.router.add("POST", `${base}/keys/query`, (req) => {
        const requester = req.requester!.userId;
        const wanted = requireObject(req.body, "device_keys");
        const result = {
            device_keys: {} as Record<string, Record<string, SignedJson>>,
            master_keys: {} as Record<string, SignedJson>,
            self_signing_keys: {} as Record<string, SignedJson>,
            user_signing_keys: {} as Record<string, SignedJson>,
            failures: {} as Record<string, unknown>,
        };
        for (const [userId, deviceIds] of Object.entries(wanted)) {
            if (!Array.isArray(deviceIds) || !deviceIds.every((d) => typeof d === "string")) {
                throw new MatrixError(400, "M_BAD_JSON", "device_keys values must be lists of device ids");
            }
            const server = serverNameOf(userId) ?? "";
            if (server !== ctx.config.serverName) {
                // No federation: other servers are reported unreachable, as Synapse would.
                result.failures[server] = { status: 503, message: "Not ready for retry" };
                continue;
            }
            const devices = deviceIds.length > 0 ? deviceIds : accounts.devices(userId).map((d) => d.device_id);
            const found: Record<string, SignedJson> = {};
            for (const deviceId of devices) {
                const keys = store.deviceKeys(userId, deviceId);
                if (!keys) continue;
                const name = accounts.device(userId, deviceId)?.display_name;
                found[deviceId] = {
                    ...withSignatures(store, keys, userId, deviceId),
                    ...(name ? { unsigned: { device_display_name: name } } : {}),
                };
            }
            result.device_keys[userId] = found;
            const master = store.crossSigningKey(userId, "master");
            // Signatures by other users on a master key are private to the signer (Synapse).
            if (master)
                result.master_keys[userId] = withSignatures(store, master, userId, publicKeyOf(master), requester);
            const selfSigning = store.crossSigningKey(userId, "self_signing");
            if (selfSigning) result.self_signing_keys[userId] = selfSigning;
            const userSigning = userId === requester ? store.crossSigningKey(userId, "user_signing") : undefined;
            if (userSigning) result.user_signing_keys[userId] = userSigning;
        }
        return result;
    });

    ctx.router.add("POST", `${base}/keys/claim`, (req) => {
        const wanted = requireObject(req.body, "one_time_keys");
        const claimed: Record<string, Record<string, Record<string, unknown>>> = {};
        const failures: Record<string, unknown> = {};
        for (const [userId, devices] of Object.entries(wanted)) {
            if (!isJsonObject(devices))
                throw new MatrixError(400, "M_BAD_JSON", "one_time_keys values must be objects");
            const server = serverNameOf(userId) ?? "";
            if (server !== ctx.config.serverName) {
                failures[server] = { status: 503, message: "Not ready for retry" };
                continue;
            }
            for (const [deviceId, algorithm] of Object.entries(devices)) {
                if (typeof algorithm !== "string")
                    throw new MatrixError(400, "M_BAD_JSON", "algorithm must be a string");
                const key = store.claimKey(userId, deviceId, algorithm);
                if (key) (claimed[userId] ??= {})[deviceId] = key;
            }
        }
        return { one_time_keys: claimed, failures };
    });

    ctx.router.add("GET", `${base}/keys/changes`, (req) => {
        const from = parseSyncToken(requireQuery(req.query, "from"));
        if (from === undefined) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid from token");
        const to = parseSyncToken(req.query.get("to")) ?? ctx.streams.position;
        return { changed: visibleChanges(req.requester!.userId, from, to), left: [] };
    });

    const visibleChanges = (viewer: string, from: number, to: number): string[] => {
        const { shared, private: own } = store.changedUsers(viewer, from, to);
        // A copy: the rooms module may hand out a set it keeps.
        const sharing = new Set(ctx.services.rooms.usersSharingRoomsWith(viewer)).add(viewer);
        return [...new Set([...[...shared].filter((u) => sharing.has(u)), ...own])].sort();
    };

    ctx.syncContributors.push((info: SyncRequestInfo, response: SyncResponse) => {
        response.device_one_time_keys_count = otkCounts(store, info.userId, info.deviceId);
        response.device_unused_fallback_key_types = store.unusedFallbackKeyTypes(info.userId, info.deviceId);
        // "left" would need membership history; clients also track members themselves.
        const changed = info.since === undefined ? [] : visibleChanges(info.userId, info.since, info.upto);
        response.device_lists = { changed, left: [] };
        return changed.length > 0;
    });

    registerCrossSigning(ctx, store, markChanged);
    registerRoomKeys(ctx);
}

/** One-time key counts; Synapse always includes `signed_curve25519` (0 when none). */
function otkCounts(store: KeyStore, userId: string, deviceId: string): Record<string, number> {
    return { signed_curve25519: 0, ...store.oneTimeKeyCounts(userId, deviceId) };
}

function splitKeyId(id: string): [string, string] {
    const i = id.indexOf(":");
    if (i <= 0) throw new MatrixError(400, "M_INVALID_PARAM", `Invalid key id: ${id}`);
    return [id.slice(0, i), id.slice(i + 1)];
}

/** A key with the separately uploaded signatures merged into its `signatures`. */
function withSignatures(store: KeyStore, key: SignedJson, userId: string, keyId: string, signer?: string): SignedJson {
    const signatures: Record<string, Record<string, string>> = {};
    for (const [who, sigs] of Object.entries(key.signatures ?? {})) signatures[who] = { ...sigs };
    for (const s of store.signaturesOn(userId, keyId, signer)) (signatures[s.signer] ??= {})[s.keyId] = s.sig;
    return { ...key, signatures };
}
