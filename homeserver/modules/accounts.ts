import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { requireString } from "../http/params.ts";
import { interactiveAuth, LoginStage } from "../http/uia.ts";
import { hashPassword, verifyPasswordSync } from "../util/passwords.ts";
import { accountEvents } from "./accountEvents.ts";
import { AccountOps } from "./accountOps.ts";
import { AccountStore } from "./accountStore.ts";
import { registerSharedSecretRegistration } from "./adminRegister.ts";
import { registerDevices } from "./devices.ts";
import { registerLogin } from "./login.ts";
import { registerRegistration } from "./registration.ts";

/**
 * Accounts: registration, login, logout, whoami, devices and Synapse's admin registration.
 * Fills `ctx.services.accounts` (token resolution for the router, password checks for
 * interactive auth). Other modules learn about new users and devices through
 * {@link accountEvents}.
 */
export function registerAccounts(ctx: HomeserverContext): void {
    const store = new AccountStore(ctx.db);
    const ops = new AccountOps(store, accountEvents(ctx), ctx.config);

    ctx.services.accounts = {
        resolveToken(token) {
            const owner = store.tokenOwner(token);
            if (!owner) {
                throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token.", { soft_logout: false });
            }
            store.touchDevice(owner.userId, owner.deviceId);
            return { userId: owner.userId, deviceId: owner.deviceId, accessToken: token };
        },
        userExists: (userId) => store.userExists(userId),
        checkPassword(userId, password) {
            const hash = store.passwordHash(userId);
            return hash !== undefined && verifyPasswordSync(password, hash);
        },
    };

    registerRegistration(ctx, ops);
    registerLogin(ctx, ops);
    registerDevices(ctx, ops);
    registerSharedSecretRegistration(ctx, ops);

    const base = "/_matrix/client/v3";
    ctx.router.add("GET", `${base}/account/whoami`, (req) => ({
        user_id: req.requester!.userId,
        device_id: req.requester!.deviceId,
        is_guest: false,
    }));

    // Logging out deletes the device (and so its keys), as Synapse does.
    ctx.router.add("POST", `${base}/logout`, (req) => {
        ops.deleteDevice(req.requester!.userId, req.requester!.deviceId);
        return {};
    });

    ctx.router.add("POST", `${base}/logout/all`, (req) => {
        const { userId } = req.requester!;
        for (const device of store.devices(userId)) ops.deleteDevice(userId, device.device_id);
        return {};
    });

    ctx.router.add("POST", `${base}/account/password`, async (req) => {
        const { userId, deviceId } = req.requester!;
        const { params } = await interactiveAuth(ctx).check(req.body, {
            operation: `change password ${userId}`,
            flows: [[LoginStage.password]],
            userId,
        });
        const newPassword = requireString(params, "new_password");
        store.setPasswordHash(userId, await hashPassword(newPassword));
        // By default every other device is logged out, as the spec and Synapse do.
        if (params.logout_devices !== false) {
            for (const device of store.devices(userId)) {
                if (device.device_id !== deviceId) ops.deleteDevice(userId, device.device_id);
            }
        }
        return {};
    });
}
