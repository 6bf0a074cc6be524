package dev.cairn.metering.billing;

/** Where a monthly statement stands. One spelling in the database, the API and webhooks. */
public enum StatementStatus {
    /** The month runs (or ended within the finalize delay): recomputed as usage arrives; may change. */
    Draft,
    /** The month is closed: the statement never changes again; later corrections are adjustments on a later one. */
    Final
}
