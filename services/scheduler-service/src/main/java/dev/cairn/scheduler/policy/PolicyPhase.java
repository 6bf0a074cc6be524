package dev.cairn.scheduler.policy;

/** Whether a policy's schedule runs. */
public enum PolicyPhase {
    /** Its schedule fires backups. */
    Active,
    /** Its schedule is held; "run now" still works, and retention still applies to its backups. */
    Paused
}
