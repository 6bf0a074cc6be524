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
 * The Cairn command line ({@code ./cairn <command>}). Commands: {@code signup}, {@code login}, {@code token},
 * {@code clusters}.
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
        List<String> positional = new java.util.ArrayList<>();
        while (!rest.isEmpty() && !rest.peek().startsWith("--")) {
            positional.add(rest.pop());
        }
        try {
            Map<String, String> options = options(rest);
            String platform = options.getOrDefault("platform", env("CAIRN_URL", "http://127.0.0.1:8080"));
            switch (command) {
                case "signup" -> {
                    noPositional(positional);
                    signup(platform, options);
                }
                case "login" -> {
                    noPositional(positional);
                    login(platform, options);
                }
                case "token" -> out.println(Auth.accessToken());
                case "clusters" -> clusters(platform, positional, options);
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

    /** {@code clusters} lists; {@code clusters add NAME} adds one; {@code clusters revoke ID} revokes its agent. */
    private void clusters(String platform, List<String> args, Map<String, String> options) {
        String token = Auth.accessToken();
        String base = platform + "/api/v1/clusters";
        if (args.isEmpty()) {
            JsonNode clusters = Api.get(base, token);
            if (options.containsKey("json")) {
                out.println(clusters.toPrettyString());
                return;
            }
            out.printf(
                    "%-36s  %-20s  %-20s  %-7s  %-10s  %s%n", "ID", "NAME", "PHASE", "ONLINE", "AGENT", "KUBERNETES");
            for (JsonNode c : clusters) {
                out.printf(
                        "%-36s  %-20s  %-20s  %-7s  %-10s  %s%n",
                        c.path("id").asText(),
                        c.path("name").asText(),
                        c.path("phase").asText(),
                        c.path("online").asBoolean() ? "yes" : "no",
                        c.path("agentVersion").asText("-"),
                        c.path("kubernetesVersion").asText("-"));
            }
            return;
        }
        switch (args.get(0)) {
            case "add" -> {
                if (args.size() != 2) {
                    throw new CliException("usage: ./cairn clusters add NAME");
                }
                JsonNode created =
                        Api.postJson(base, Map.of("name", args.get(1)), token).body();
                JsonNode registration = created.path("registration");
                out.println("Cluster " + args.get(1) + " added ("
                        + created.path("cluster").path("id").asText() + "). Install its agent before "
                        + registration.path("expiresAt").asText() + " with:");
                out.println();
                out.println("  " + registration.path("helmCommand").asText());
            }
            case "revoke" -> {
                if (args.size() != 2) {
                    throw new CliException("usage: ./cairn clusters revoke CLUSTER_ID");
                }
                Api.delete(base + "/" + args.get(1), token);
                out.println("Agent of cluster " + args.get(1) + " revoked.");
            }
            default -> throw new CliException("unknown clusters command '" + args.get(0) + "' (add, revoke)");
        }
    }

    private static void noPositional(List<String> positional) {
        if (!positional.isEmpty()) {
            throw new CliException("unexpected argument '" + positional.get(0) + "'");
        }
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
                  clusters [--json]                           list my clusters and their agents
                  clusters add NAME                           add a cluster: prints the helm one-liner for its agent
                  clusters revoke CLUSTER_ID                  revoke a cluster's agent
                  token   print a valid access token (refreshed when needed), e.g.
                          curl -H "Authorization: Bearer $(./cairn token)" http://127.0.0.1:8080/api/v1/tenant

                  --platform URL   the platform (default $CAIRN_URL, else http://127.0.0.1:8080)
                Credentials are kept in ~/.config/cairn/credentials.json ($CAIRN_CONFIG), readable by you only.""");
    }
}
