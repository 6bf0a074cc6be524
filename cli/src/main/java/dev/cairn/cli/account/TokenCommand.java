package dev.cairn.cli.account;

import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.platform.Auth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "token",
        description = "Print a valid access token of the signed-in user (refreshed when needed), for scripts.",
        footerHeading = "%nExamples:%n",
        footer = {"  curl -H \"Authorization: Bearer $(cairn token)\" http://127.0.0.1:8080/api/v1/tenant"})
public final class TokenCommand implements Callable<Integer> {
    private final Io io;

    TokenCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.out().println(Auth.accessToken());
        return ExitStatus.OK;
    }
}
