import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { userIdFromLoginBody } from "../http/identifier.ts";
import { optionalString } from "../http/params.ts";
import { LoginStage } from "../http/uia.ts";
import { verifyPassword } from "../util/passwords.ts";
import type { AccountOps } from "./accountOps.ts";

/** `GET /login` (the flows) and `POST /login` with `m.login.password`, answered like Synapse. */
export function registerLogin(ctx: HomeserverContext, ops: AccountOps): void {
    ctx.router.add("GET", "/_matrix/client/v3/login", () => ({ flows: [{ type: LoginStage.password }] }), {
        auth: false,
    });

    ctx.router.add(
        "POST",
        "/_matrix/client/v3/login",
        async (req) => {
            const body = req.body;
            if (body.type === undefined) throw new MatrixError(400, "M_UNKNOWN", "Missing JSON keys.");
            if (typeof body.type !== "string") throw new MatrixError(400, "M_INVALID_PARAM", "Bad parameter 'type'");
            if (body.type !== LoginStage.password) {
                throw new MatrixError(400, "M_UNKNOWN", `Unknown login type ${body.type}`);
            }
            const userId = userIdFromLoginBody(body, ops.serverName);
            if (userId === undefined) throw new MatrixError(400, "M_MISSING_PARAM", "Missing param: identifier");
            if (typeof body.password !== "string") {
                throw new MatrixError(
                    400,
                    "M_MISSING_PARAM",
                    "Missing parameters for login type m.login.password: password",
                );
            }
            const deviceId = optionalString(body, "device_id");
            const deviceName = optionalString(body, "initial_device_display_name");

            const hash = ops.store.passwordHash(userId);
            if (!hash || !(await verifyPassword(body.password, hash))) {
                throw new MatrixError(403, "M_FORBIDDEN", "Invalid username or password");
            }
            return ops.openSession(userId, deviceId, deviceName);
        },
        { auth: false },
    );
}
