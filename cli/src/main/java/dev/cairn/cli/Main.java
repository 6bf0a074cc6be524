package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cairn command line ({@code ./cairn <command>}). Commands: {@code signup}, {@code login}, {@code token}.
 * The platform is {@code --platform URL}, else {@code $CAIRN_URL}, else the local one (http://127.0.0.1:8080).
 */
public final class Main {
    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.pop();
        try {
            Map<String, String> options = options(rest);
            String platform = options.getOrDefault("platform", env("CAIRN_URL", "http://127.0.0.1:8080"));
            switch (command) {
                case "signup" -> signup(platform, options);
                case "login" -> login(platform, options);
                case "token" -> out.println(Auth.accessToken());
                case "help", "-h", "--help" -> usage(out);
                default -> {
                    err.println("cairn: unknown command '" + command + "'");
                    usage(err);
                    return 2;
                }
            }
            return 0;
        } catch (CliException e) {
            err.println("cairn " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private void signup(String platform, Map<String, String> options) {
        String organisation = required(options, "organisation");
        String email = required(options, "email");
        String home = options.getOrDefault("home-region", "eu-west-1");
        String password = password(options, "Password for " + email + ": ", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        body.put("email", email);
        body.put("password", password);
        body.put("homeRegion", home);
        if (options.containsKey("dr-region")) {
            body.put("drRegion", options.get("dr-region"));
        }
        Api.Response response = Api.postJson(platform + "/api/v1/signup", body, null);
        JsonNode tenant = response.body();
        Auth.loginWithPassword(platform, email, password);
        out.println((response.status() == 201 ? "Signed up " : "Already signed up: ")
                + tenant.path("name").asText()
                + " (tenant " + tenant.path("id").asText() + ", plan "
                + tenant.path("plan").asText() + ", home "
                + tenant.path("homeRegion").asText()
                + (tenant.path("drRegion").isTextual()
                        ? ", DR " + tenant.path("drRegion").asText()
                        : "")
                + "); signed in as " + email + ".");
    }

    private void login(String platform, Map<String, String> options) {
        if (options.containsKey("device")) {
            Auth.loginWithDevice(platform, out);
            out.println("Signed in.");
            return;
        }
        String email = required(options, "email");
        Auth.loginWithPassword(platform, email, password(options, "Password for " + email + ": ", false));
        out.println("Signed in as " + email + ".");
    }

    /** The password from stdin ({@code --password-stdin}) or asked on the terminal. */
    private static String password(Map<String, String> options, String prompt, boolean confirm) {
        if (options.containsKey("password-stdin")) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException("no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new CliException("cannot read the password: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("no terminal to ask the password on: pass --password-stdin");
        }
        String password = new String(console.readPassword(prompt));
        if (confirm && !password.equals(new String(console.readPassword("Again: ")))) {
            throw new CliException("the passwords differ");
        }
        return password;
    }

    /** {@code --name value} and {@code --flag} options. */
    static Map<String, String> options(Deque<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        while (!args.isEmpty()) {
            String arg = args.pop();
            if (!arg.startsWith("--")) {
                throw new CliException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                options.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (!args.isEmpty() && !args.peek().startsWith("--")) {
                options.put(name, args.pop());
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank() || value.equals("true")) {
            throw new CliException("--" + name + " is required");
        }
        return value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void usage(PrintStream out) {
        out.println("""
                Usage: ./cairn <command> [options]

                  signup --organisation NAME --email EMAIL [--home-region R] [--dr-region R] [--password-stdin]
                          create a tenant on the Free plan (1 TB) and sign in as its administrator
                  login   --email EMAIL [--password-stdin]    sign in with a password
                  login   --device                            sign in in a browser (device authorization grant)
                  token   print a valid access token (refreshed when needed), e.g.
                          curl -H "Authorization: Bearer $(./cairn token)" http://127.0.0.1:8080/api/v1/tenant

                  --platform URL   the platform (default $CAIRN_URL, else http://127.0.0.1:8080)
                Credentials are kept in ~/.config/cairn/credentials.json ($CAIRN_CONFIG), readable by you only.""");
    }
}
