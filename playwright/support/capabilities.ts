import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Homeserver } from "./homeserver.ts";
import { registerUser } from "./matrixApi.ts";

/**
 * Whether the server lets anyone register through `POST /register` with the `m.login.dummy`
 * stage (no email, captcha or token), as the registration form needs. Asks without creating an
 * account: a body without `auth` only starts interactive auth.
 * @param baseUrl - the homeserver
 * @returns true when a flow of `m.login.dummy` alone is offered
 * @throws Error on an answer that is neither a flow list nor a refusal
 */
export async function probeOpenRegistration(baseUrl: string): Promise<boolean> {
    const response = await fetch(`${baseUrl}/_matrix/client/v3/register`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
    });
    const body = (await response.json()) as { flows?: { stages?: string[] }[]; errcode?: string };
    if (response.status === 403) return false;
    if (response.status !== 401) throw new Error(`POST /register: unexpected ${response.status}`);
    return (body.flows ?? []).some((flow) => flow.stages?.length === 1 && flow.stages[0] === "m.login.dummy");
}

/**
 * Whether a user's first cross-signing upload needs interactive auth (servers without MSC3967
 * ask for the password even then). Tries it: uploads a fresh master key for a throwaway account.
 * @param server - the homeserver, with its admin registration secret
 * @returns true when the upload is answered with 401 and a list of flows
 * @throws Error on any other refusal
 */
export async function probeFirstCrossSigningUploadNeedsAuth(
    server: Pick<Homeserver, "baseUrl" | "sharedSecret">,
): Promise<boolean> {
    const probe = await registerUser(server, {
        username: `capability-probe-${randomBytes(6).toString("hex")}`,
        password: randomBytes(12).toString("hex"),
        displayName: "Capability probe",
    });
    const publicKey = generateKeyPairSync("ed25519")
        .publicKey.export({ format: "der", type: "spki" })
        .subarray(-32)
        .toString("base64")
        .replace(/=+$/, "");
    const response = await fetch(`${server.baseUrl}/_matrix/client/v3/keys/device_signing/upload`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${probe.accessToken}` },
        body: JSON.stringify({
            master_key: { user_id: probe.userId, usage: ["master"], keys: { [`ed25519:${publicKey}`]: publicKey } },
        }),
    });
    const body = (await response.json()) as { flows?: unknown };
    if (response.ok) return false;
    if (response.status === 401 && Array.isArray(body.flows)) return true;
    throw new Error(`POST /keys/device_signing/upload: unexpected ${response.status} ${JSON.stringify(body)}`);
}
