import { createContext, type ReactNode } from "react";
import type { Room } from "matrix-js-sdk";

/** The places a room's name is shown. */
export type RoomDecorationPlace = "room_list" | "invite" | "header" | "settings";

/**
 * Renders an indicator next to a room's name (or nothing).
 * @param room - the room whose name is shown
 * @param place - where it is shown
 */
export type RoomDecorator = (room: Room, place: RoomDecorationPlace) => ReactNode;

/**
 * Lets a feature add an indicator next to every room name without touching the views that
 * show names: provide a decorator around the logged-in view. None by default.
 */
export const RoomDecorationContext = createContext<RoomDecorator>(() => null);
