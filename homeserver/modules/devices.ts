import type { HomeserverContext } from "../context.ts";
import { MatrixError, notFound } from "../errors.ts";
import { interactiveAuth, LoginStage } from "../http/uia.ts";
import type { AccountOps } from "./accountOps.ts";
import type { DeviceRow } from "./accountStore.ts";

/** Synapse's limit on device display names. */
const MAX_DISPLAY_NAME_LENGTH = 100;
/** Deleting devices needs the account password again, as in Synapse without SSO. */
const DELETE_FLOWS = [[LoginStage.password]];

/** The devices API: list, get, rename, and delete (behind interactive auth). */
export function registerDevices(ctx: HomeserverContext, ops: AccountOps): void {
    const uia = interactiveAuth(ctx);
    const base = "/_matrix/client/v3";

    ctx.router.add("GET", `${base}/devices`, (req) => ({
        devices: ops.store.devices(req.requester!.userId).map(describe),
    }));

    ctx.router.add("GET", `${base}/devices/:deviceId`, (req) => {
        const device = ops.store.device(req.requester!.userId, req.params.deviceId);
        if (!device) throw notFound("No device found");
        return describe(device);
    });

    ctx.router.add("PUT", `${base}/devices/:deviceId`, (req) => {
        const { userId } = req.requester!;
        const { deviceId } = req.params;
        const name = req.body.display_name;
        if (name !== undefined && name !== null && typeof name !== "string") {
            throw new MatrixError(400, "M_BAD_JSON", "display_name must be a string");
        }
        if (typeof name === "string" && name.length > MAX_DISPLAY_NAME_LENGTH) {
            throw new MatrixError(
                400,
                "M_TOO_LARGE",
                `Device display name is too long (max ${MAX_DISPLAY_NAME_LENGTH})`,
            );
        }
        const device = ops.store.device(userId, deviceId);
        if (!device) throw notFound("Unknown device");
        // Like Synapse, only a display_name that is present changes anything.
        if (name !== undefined && name !== device.display_name) {
            ops.store.renameDevice(userId, deviceId, name);
            ops.events.emit("deviceUpdated", userId, deviceId);
        }
        return {};
    });

    ctx.router.add("DELETE", `${base}/devices/:deviceId`, async (req) => {
        const { userId } = req.requester!;
        const { deviceId } = req.params;
        await uia.check(req.body, { operation: `delete device ${userId} ${deviceId}`, flows: DELETE_FLOWS, userId });
        ops.deleteDevice(userId, deviceId);
        return {};
    });

    ctx.router.add("POST", `${base}/delete_devices`, async (req) => {
        const { userId } = req.requester!;
        // Like Synapse, every round must carry the list; a malformed one fails before the password is asked.
        const devices = deviceList(req.body);
        await uia.check(req.body, { operation: `delete devices ${userId}`, flows: DELETE_FLOWS, userId });
        for (const deviceId of devices) ops.deleteDevice(userId, deviceId);
        return {};
    });
}

function deviceList(body: Record<string, unknown>): string[] {
    const devices = body.devices;
    if (devices === undefined) throw new MatrixError(400, "M_MISSING_PARAM", "Missing parameter: devices");
    if (!Array.isArray(devices) || !devices.every((d) => typeof d === "string")) {
        throw new MatrixError(400, "M_BAD_JSON", "devices must be a list of strings");
    }
    return devices;
}

/** The spec's device shape (Synapse includes the nulls). */
function describe(device: DeviceRow): Record<string, unknown> {
    return {
        device_id: device.device_id,
        display_name: device.display_name,
        last_seen_ip: null,
        last_seen_ts: device.last_seen_ts,
    };
}
