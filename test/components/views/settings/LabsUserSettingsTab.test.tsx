import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LabsUserSettingsTab } from "../../../../src/components/views/settings/tabs/user/LabsUserSettingsTab.tsx";
import { SettingsStore } from "../../../../src/settings/SettingsStore.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

const LABEL = "Encrypted state events (MSC4362)";

describe("LabsUserSettingsTab", () => {
    it("should list each flag as a switch with its description, grouped", () => {
        renderInApp(<LabsUserSettingsTab onReload={jest.fn()} />);
        expect(screen.getByRole("heading", { name: "Encryption" })).toBeInTheDocument();
        expect(screen.getByRole("heading", { name: "Rooms" })).toBeInTheDocument();
        const flag = screen.getByRole("switch", { name: LABEL });
        expect(flag).not.toBeChecked();
        expect(flag).toHaveAccessibleDescription(expect.stringContaining("the homeserver cannot read them"));
        expect(screen.getByRole("switch", { name: "Compact timeline" })).toBeInTheDocument();
    });

    it("should store the flag and offer a reload that rebuilds the client", async () => {
        const user = userEvent.setup();
        const settings = new SettingsStore();
        const onReload = jest.fn();
        renderInApp(<LabsUserSettingsTab onReload={onReload} />, { settings });
        expect(screen.queryByRole("button", { name: "Reload" })).not.toBeInTheDocument();

        await user.click(screen.getByRole("switch", { name: LABEL }));

        expect(settings.getValue("feature_msc4362_encrypted_state_events")).toBe(true);
        expect(screen.getByRole("switch", { name: LABEL })).toBeChecked();
        await user.click(screen.getByRole("button", { name: "Reload" }));
        expect(onReload).toHaveBeenCalledTimes(1);
    });

    it("should not offer a reload for flags that apply at once", async () => {
        const user = userEvent.setup();
        renderInApp(<LabsUserSettingsTab onReload={jest.fn()} />);
        await user.click(screen.getByRole("switch", { name: "Compact timeline" }));
        expect(screen.queryByRole("button", { name: "Reload" })).not.toBeInTheDocument();
    });

    it("should show a flag forced by the config as disabled", () => {
        const settings = new SettingsStore({ config: { features: { feature_msc4362_encrypted_state_events: true } } });
        renderInApp(<LabsUserSettingsTab onReload={jest.fn()} />, { settings });
        const flag = screen.getByRole("switch", { name: LABEL });
        expect(flag).toBeChecked();
        expect(flag).toBeDisabled();
        expect(flag).toHaveAccessibleDescription(expect.stringContaining("Set by the app configuration."));
    });
});
