/** The Megolm algorithm identifier of `m.room.encryption`. */
export const MEGOLM_ALGORITHM = "m.megolm.v1.aes-sha2";
