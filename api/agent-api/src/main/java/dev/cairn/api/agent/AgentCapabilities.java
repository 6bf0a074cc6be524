package dev.cairn.api.agent;

import java.util.List;

/**
 * What an agent can do beyond the v1 commands every agent takes, reported with its registration and every heartbeat
 * ({@code capabilities}): the platform asks an agent for nothing it has not reported, so that an older agent in the
 * field is refused clearly instead of misreading a command. Unknown names from a newer agent are kept and ignored.
 */
public final class AgentCapabilities {
    /**
     * A RESTORE under a {@code namespacePrefix} that removes what it created ({@code removeAfter}): a restore drill.
     */
    public static final String RESTORE_DRILL = "restore-drill";

    /** BROWSE commands: a backup's directories listed, one of its files sent for download. */
    public static final String BROWSE = "browse";

    /** Everything this build of the agent can do. */
    public static final List<String> ALL = List.of(RESTORE_DRILL, BROWSE);

    /** At most this many names are kept of an agent's report. */
    public static final int MAX = 32;

    private AgentCapabilities() {}
}
