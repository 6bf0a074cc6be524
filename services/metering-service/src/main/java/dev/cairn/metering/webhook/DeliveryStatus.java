package dev.cairn.metering.webhook;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
    /** Not delivered yet: tried again at its next attempt time. */
    Pending,
    /** An attempt got a 2xx answer. */
    Delivered,
    /** Every attempt failed; no more are made. */
    Failed
}
