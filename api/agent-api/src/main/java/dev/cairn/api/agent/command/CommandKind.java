package dev.cairn.api.agent.command;

/** What a command asks the agent to do. */
public enum CommandKind {
    /** Back the cluster's resources (and volumes, when asked) up now. */
    BACKUP,
    /** Restore a backup into the cluster, or only preview what a restore would do. */
    RESTORE,
    /**
     * Read a backup's file tree for a person: list a directory, or send one file for download (agents that report
     * the {@code browse} capability).
     */
    BROWSE
}
