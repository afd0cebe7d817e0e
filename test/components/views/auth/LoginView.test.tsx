import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LoginView } from "../../../../src/components/views/auth/LoginView.tsx";
import { RegisterView } from "../../../../src/components/views/auth/RegisterView.tsx";
import { AuthError, type PasswordCredentials } from "../../../../src/client/auth.ts";
import type { StoredSession } from "../../../../src/client/session.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

const SESSION: StoredSession = {
    homeserverUrl: "https://hs.example.org",
    userId: "@alice:example.org",
    deviceId: "D",
    accessToken: "t",
};

describe("LoginView", () => {
    function setup(login: (c: PasswordCredentials) => Promise<StoredSession> = jest.fn(async () => SESSION)) {
        const onLoggedIn = jest.fn();
        renderInApp(<LoginView defaultHomeserverUrl="https://hs.example.org" onLoggedIn={onLoggedIn} login={login} />);
        return { login, onLoggedIn, user: userEvent.setup() };
    }

    it("should prefill the homeserver and link to registration", () => {
        setup();
        expect(screen.getByRole("heading", { name: "Sign in" })).toBeInTheDocument();
        expect(screen.getByRole("textbox", { name: "Homeserver" })).toHaveValue("https://hs.example.org");
        expect(screen.getByRole("link", { name: "Create account" })).toHaveAttribute("href", "#/register");
    });

    it("should require a username and password", async () => {
        const { user, login } = setup();
        await user.click(screen.getByRole("button", { name: "Sign in" }));
        expect(screen.getByText("Enter a username.")).toBeInTheDocument();
        expect(screen.getByText("Enter your password.")).toBeInTheDocument();
        expect(login).not.toHaveBeenCalled();
    });

    it("should sign in and hand over the session and password", async () => {
        const { user, login, onLoggedIn } = setup();
        await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
        await user.type(screen.getByLabelText("Password"), "secret{Enter}");
        expect(login).toHaveBeenCalledWith({
            homeserverUrl: "https://hs.example.org",
            username: "alice",
            password: "secret",
        });
        await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(SESSION, "secret"));
    });

    it("should show a wrong password under the password field", async () => {
        const { user } = setup(
            jest.fn(async () => Promise.reject(new AuthError("Incorrect username or password.", "password"))),
        );
        await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
        await user.type(screen.getByLabelText("Password"), "nope{Enter}");
        expect(await screen.findByText("Incorrect username or password.")).toBeInTheDocument();
        expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
        expect(screen.getByRole("button", { name: "Sign in" })).not.toHaveAttribute("aria-disabled", "true");
    });

    it("should show an unreachable server under the homeserver field", async () => {
        const message = "Cannot reach the homeserver at https://hs.example.org. Check the address and your connection.";
        const { user } = setup(jest.fn(async () => Promise.reject(new AuthError(message, "homeserver"))));
        await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
        await user.type(screen.getByLabelText("Password"), "pw{Enter}");
        expect(await screen.findByText(message)).toBeInTheDocument();
        expect(screen.getByRole("textbox", { name: "Homeserver" })).toHaveAttribute("aria-invalid", "true");
    });
});

describe("RegisterView", () => {
    it("should show a taken username under the username field", async () => {
        const user = userEvent.setup();
        const register = jest.fn(async () =>
            Promise.reject(new AuthError("This username is already taken.", "username")),
        );
        renderInApp(
            <RegisterView defaultHomeserverUrl="https://hs.example.org" onRegistered={jest.fn()} register={register} />,
        );
        expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "#/login");
        await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
        await user.type(screen.getByLabelText("Password"), "pw");
        await user.click(screen.getByRole("button", { name: "Create account" }));
        expect(await screen.findByText("This username is already taken.")).toBeInTheDocument();
        expect(screen.getByRole("textbox", { name: "Username" })).toHaveAttribute("aria-invalid", "true");
    });
});
