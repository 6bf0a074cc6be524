package dev.cairn.cli.account;

import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.platform.Auth;
import dev.cairn.cli.platform.PlatformOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "login",
        description = {
            "Sign in with a password, or in a browser (device authorization).",
            "The sign-in is kept in ~/.config/cairn/credentials.json ($CAIRN_CONFIG), readable by you only,",
            "and ends with your session on the platform unless you ask for an offline one (--offline).",
            "Passwords are sent over HTTPS only (plain HTTP only to localhost)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn login --email demo@cairn.local                  # asks the password",
            "  cairn login --email demo@cairn.local --password-stdin < password.txt",
            "  cairn login --device                                  # approve in a browser, on any machine",
            "  cairn login --device --offline                        # a sign-in for a script or CI machine"
        })
public final class LoginCommand implements Callable<Integer> {
    private final Io io;

    @ArgGroup(multiplicity = "1")
    How how;

    static final class How {
        @Option(names = "--email", paramLabel = "EMAIL", description = "Sign in with this email and its password.")
        String email;

        @Option(names = "--device", description = "Sign in in a browser (device authorization grant).")
        boolean device;
    }

    @Option(
            names = "--offline",
            description = "Keep an offline sign-in (scope offline_access) that outlives your session on the"
                    + " platform: for scripts and CI machines. It lasts until revoked in your account.")
    boolean offline;

    @Mixin
    Passwords passwords;

    @Mixin
    PlatformOption platform;

    LoginCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (how.device) {
            Auth.loginWithDevice(platform.url(), io.out(), offline);
            io.out().println("Signed in.");
        } else {
            Auth.requireSafeForPasswords(platform.url());
            Auth.loginWithPassword(
                    platform.url(), how.email, passwords.read("Password for " + how.email + ": ", false), offline);
            io.out().println("Signed in as " + how.email + ".");
        }
        return ExitStatus.OK;
    }
}
