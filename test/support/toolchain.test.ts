import { MatrixEvent } from "matrix-js-sdk";

describe("toolchain", () => {
    it("should load matrix-js-sdk in jest", () => {
        const ev = new MatrixEvent({ type: "m.room.name", state_key: "", content: { name: "x" } });
        expect(ev.getContent().name).toBe("x");
    });
});
