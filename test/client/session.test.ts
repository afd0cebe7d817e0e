import { clearSession, loadSession, saveSession, SESSION_KEYS } from "../../src/client/session.ts";
import { MemoryStorage } from "../test-utils/memoryStorage.ts";

const SESSION = { homeserverUrl: "https://hs.example.org", userId: "@a:example.org", deviceId: "D", accessToken: "t" };

describe("session storage", () => {
    it("should use Element's localStorage keys", () => {
        const storage = new MemoryStorage();
        saveSession(storage, SESSION);
        expect(storage.getItem("mx_hs_url")).toBe(SESSION.homeserverUrl);
        expect(storage.getItem("mx_user_id")).toBe(SESSION.userId);
        expect(storage.getItem("mx_device_id")).toBe(SESSION.deviceId);
        expect(storage.getItem("mx_access_token")).toBe(SESSION.accessToken);
        expect(loadSession(storage)).toEqual(SESSION);
    });

    it("should need all four keys", () => {
        const storage = new MemoryStorage();
        saveSession(storage, SESSION);
        storage.removeItem(SESSION_KEYS.deviceId);
        expect(loadSession(storage)).toBeNull();
    });

    it("should forget the session", () => {
        const storage = new MemoryStorage();
        saveSession(storage, SESSION);
        storage.setItem("unrelated", "kept");
        clearSession(storage);
        expect(loadSession(storage)).toBeNull();
        expect(storage.length).toBe(1);
    });
});
