import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { secretText } from "./secretText.ts";

/** A picture a spec can set as an avatar and then look for, byte for byte, in traffic and on disk. */
export interface SecretImage {
    /** A file name no server could hold by chance, e.g. `Photo-4f1c….png`. */
    readonly fileName: string;
    /** The PNG file. */
    readonly bytes: Buffer;
    /** A run of 64 random bytes inside the file (a private ancillary chunk): the binary needle. */
    readonly marker: Buffer;
    /** A readable secret inside the file (a `tEXt` chunk): the text needle. */
    readonly comment: string;
    /** The colour of every pixel, [r, g, b]. */
    readonly rgb: readonly [number, number, number];
    /** Width and height in pixels. */
    readonly size: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

function crc32(bytes: Buffer): number {
    let crc = 0xffffffff;
    for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A real, decodable PNG of one colour that carries two secrets: a text comment and a run of
 * random bytes (in a chunk decoders skip). Every call gives new secrets.
 * @param label - tells images apart in failures ("Photo" gives "Photo-…")
 * @param rgb - the colour of every pixel
 * @param size - width and height
 * @returns the image and what to look for
 */
export function secretImage(label: string, rgb: readonly [number, number, number], size = 48): SecretImage {
    const comment = secretText(`${label}-pixels`);
    const marker = randomBytes(64);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(size, 0);
    header.writeUInt32BE(size, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => rgb[i % 3])]);
    const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
    const bytes = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk("IHDR", header),
        chunk("tEXt", Buffer.concat([Buffer.from("Comment\0", "latin1"), Buffer.from(comment, "latin1")])),
        chunk("prVt", marker),
        chunk("IDAT", pixels),
        chunk("IEND", Buffer.alloc(0)),
    ]);
    return { fileName: `${secretText(label)}.png`, bytes, marker, comment, rgb, size };
}

/**
 * Everything of an image that must never reach the server unencrypted.
 * @param image - the image
 * @returns its file name, comment and random marker
 */
export function imageNeedles(image: SecretImage): (string | Buffer)[] {
    return [image.fileName, image.comment, image.marker];
}
