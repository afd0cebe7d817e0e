import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { isJsonObject } from "../http/params.ts";
import { interactiveAuth, LoginStage } from "../http/uia.ts";
import { AccountStore } from "./accountStore.ts";
import { canonicalJson } from "./rooms/ids.ts";
import { publicKeyOf, type CrossSigningUsage, type KeyStore, type SignedJson } from "./keyStore.ts";

const UPLOAD_FIELDS: Record<string, CrossSigningUsage> = {
    master_key: "master",
    self_signing_key: "self_signing",
    user_signing_key: "user_signing",
};

/**
 * Cross-signing: `POST /keys/device_signing/upload` and `POST /keys/signatures/upload`.
 *
 * Key upload follows Synapse and MSC3967: a user without a master key sets up cross-signing
 * without interactive auth (they have just logged in), unless the server runs with MSC3967
 * off (`config.msc3967`, like Synapse before 1.110); once a master key exists, any upload
 * that changes a stored key needs the account password (`m.login.password`), and a wrong one
 * answers 401 with `M_FORBIDDEN` and leaves the keys as they were. An upload that only repeats
 * the stored keys (or carries none) succeeds without auth and changes nothing, since clients
 * retry uploads. Keys other than the master key need a master key, uploaded or stored
 * (400 `M_MISSING_PARAM`).
 *
 * Signatures are stored as given; clients verify them (this server checks shapes only).
 */
export function registerCrossSigning(
    ctx: HomeserverContext,
    store: KeyStore,
    markChanged: (userId: string, visibleTo?: string) => void,
): void {
    const uia = interactiveAuth(ctx);
    const accounts = new AccountStore(ctx.db);
    const base = "/_matrix/client/v3/keys";

    ctx.router.add("POST", `${base}/device_signing/upload`, async (req) => {
        const { userId } = req.requester!;
        // Like Synapse, everything below reads this request's body, never the keys of an earlier
        // interactive-auth round: clients send the keys again along with `auth`.
        if (!replacesStoredKey(store, userId, req.body)) return {};
        if (store.crossSigningKey(userId, "master") || !ctx.config.msc3967) {
            await uia.check(req.body, {
                operation: `device signing upload ${userId}`,
                flows: [[LoginStage.password]],
                userId,
            });
        }
        const keys = parseUploads(req.body, userId);
        const hasMaster = keys.some(([usage]) => usage === "master") || store.crossSigningKey(userId, "master");
        if (!hasMaster) throw new MatrixError(400, "M_MISSING_PARAM", "No master key available");
        for (const [usage, key] of keys) store.setCrossSigningKey(userId, usage, key);
        if (keys.length > 0) markChanged(userId);
        return {};
    });

    ctx.router.add("POST", `${base}/signatures/upload`, (req) => {
        const signer = req.requester!.userId;
        const failures: Record<string, Record<string, unknown>> = {};
        const fail = (userId: string, keyId: string, status: number, errcode: string, message: string): void => {
            (failures[userId] ??= {})[keyId] = { status, errcode, message };
        };
        const signerKeys = new Set([
            ...accounts.devices(signer).map((d) => d.device_id),
            ...(["master", "self_signing", "user_signing"] as const).flatMap((usage) => {
                const key = store.crossSigningKey(signer, usage);
                return key ? [publicKeyOf(key)] : [];
            }),
        ]);
        const changedOwn = { value: false };
        const changedOthers = new Set<string>();

        for (const [userId, targets] of Object.entries(req.body)) {
            if (!isJsonObject(targets)) throw new MatrixError(400, "M_BAD_JSON", "Expected an object per user");
            for (const [keyId, signed] of Object.entries(targets)) {
                if (!isJsonObject(signed)) throw new MatrixError(400, "M_BAD_JSON", "Expected a signed object");
                const stored = targetKey(store, userId, keyId);
                if (!stored) {
                    fail(userId, keyId, 404, "M_NOT_FOUND", "Unknown device or key");
                    continue;
                }
                if (JSON.stringify(stored.keys) !== JSON.stringify(signed.keys)) {
                    fail(userId, keyId, 400, "M_INVALID_SIGNATURE", "Key does not match");
                    continue;
                }
                const sigs = (signed as SignedJson).signatures?.[signer];
                const valid = isJsonObject(sigs)
                    ? Object.entries(sigs).filter(
                          ([id, sig]) => typeof sig === "string" && signerKeys.has(id.slice(id.indexOf(":") + 1)),
                      )
                    : [];
                if (valid.length === 0) {
                    fail(userId, keyId, 400, "M_INVALID_SIGNATURE", "No signature by a key of the uploading user");
                    continue;
                }
                for (const [signerKeyId, sig] of valid) {
                    store.addSignature({ userId, keyId }, { userId: signer, keyId: signerKeyId }, sig as string);
                }
                if (userId === signer) changedOwn.value = true;
                else changedOthers.add(userId);
            }
        }
        if (changedOwn.value) markChanged(signer);
        // Signing someone else's master key only concerns the signer's own devices.
        for (const userId of changedOthers) markChanged(userId, signer);
        return { failures };
    });
}

/** The stored device keys (by device id) or cross-signing key (by public key) a signature targets. */
function targetKey(store: KeyStore, userId: string, keyId: string): SignedJson | undefined {
    const device = store.deviceKeys(userId, keyId);
    if (device) return device;
    for (const usage of ["master", "self_signing", "user_signing"] as const) {
        const key = store.crossSigningKey(userId, usage);
        if (key && publicKeyOf(key) === keyId) return key;
    }
    return undefined;
}

/**
 * Whether the body sets a key that differs from the stored one (a new key counts too).
 * Synapse compares the raw JSON, so a malformed key also counts and is refused only later,
 * after interactive auth.
 */
function replacesStoredKey(store: KeyStore, userId: string, body: Record<string, unknown>): boolean {
    return Object.entries(UPLOAD_FIELDS).some(
        ([field, usage]) =>
            field in body && canonicalJson(store.crossSigningKey(userId, usage) ?? null) !== canonicalJson(body[field]),
    );
}

/** The cross-signing keys in an upload body, checked for owner and usage. */
function parseUploads(body: Record<string, unknown>, userId: string): Array<[CrossSigningUsage, SignedJson]> {
    const result: Array<[CrossSigningUsage, SignedJson]> = [];
    for (const [field, usage] of Object.entries(UPLOAD_FIELDS)) {
        const key = body[field];
        if (key === undefined || key === null) continue;
        if (!isJsonObject(key)) throw new MatrixError(400, "M_BAD_JSON", `${field} must be an object`);
        if (key.user_id !== userId) throw new MatrixError(400, "M_INVALID_PARAM", `${field} is for another user`);
        if (!Array.isArray(key.usage) || !key.usage.includes(usage)) {
            throw new MatrixError(400, "M_INVALID_PARAM", `${field} must have usage ${usage}`);
        }
        if (!isJsonObject(key.keys) || Object.keys(key.keys).length !== 1) {
            throw new MatrixError(400, "M_INVALID_PARAM", `${field} must have exactly one key`);
        }
        result.push([usage, key]);
    }
    return result;
}
