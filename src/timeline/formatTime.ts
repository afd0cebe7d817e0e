/**
 * Formats a message time for the timeline.
 * @param timestamp - ms since the epoch
 * @param use12HourClock - the `use12HourClock` setting
 * @returns e.g. "14:05" or "2:05 PM"
 */
export function formatTime(timestamp: number, use12HourClock: boolean): string {
    return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", hour12: use12HourClock }).format(
        new Date(timestamp),
    );
}

/**
 * Formats the full date and time (tooltip of the short time).
 * @param timestamp - ms since the epoch
 * @returns a long local date and time
 */
export function formatFullDate(timestamp: number): string {
    return new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" }).format(new Date(timestamp));
}
