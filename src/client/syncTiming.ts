/**
 * How long the app asks the server to hold an empty `/sync` long-poll. A server that works
 * answers within this time, with or without news.
 */
export const SYNC_POLL_TIMEOUT_MS = 30_000;

/**
 * No answer for this long means the server (or something on the way) has stopped answering.
 * The SDK itself gives up on a long-poll only after the poll plus 80 s.
 */
export const SYNC_STALL_AFTER_MS = SYNC_POLL_TIMEOUT_MS + 15_000;
