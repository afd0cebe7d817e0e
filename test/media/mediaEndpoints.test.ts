import { advertisesAuthenticatedMedia } from "../../src/media/mediaEndpoints.ts";

describe("advertisesAuthenticatedMedia", () => {
    it("should choose authenticated media from spec v1.11 on", () => {
        expect(advertisesAuthenticatedMedia({ versions: ["v1.9", "v1.10", "v1.11"] })).toBe(true);
        // A server may list only its newest release
        expect(advertisesAuthenticatedMedia({ versions: ["v1.12"] })).toBe(true);
        expect(advertisesAuthenticatedMedia({ versions: ["v2.0"] })).toBe(true);
    });

    it("should choose the legacy endpoints before v1.11", () => {
        expect(advertisesAuthenticatedMedia({ versions: ["r0.6.1", "v1.1", "v1.10"] })).toBe(false);
        expect(advertisesAuthenticatedMedia({ versions: [] })).toBe(false);
        expect(advertisesAuthenticatedMedia({ versions: ["v1.1x", "unstable"] })).toBe(false);
    });

    it("should honour MSC3916's flag on a server that predates v1.11", () => {
        expect(
            advertisesAuthenticatedMedia({
                versions: ["v1.10"],
                unstable_features: { "org.matrix.msc3916.stable": true },
            }),
        ).toBe(true);
        expect(
            advertisesAuthenticatedMedia({
                versions: ["v1.10"],
                unstable_features: { "org.matrix.msc3916.stable": false },
            }),
        ).toBe(false);
    });
});
