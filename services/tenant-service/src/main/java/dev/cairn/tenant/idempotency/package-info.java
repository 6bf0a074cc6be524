/**
 * {@code Idempotency-Key} of the creating POSTs: a retried request (its answer lost) answers what the first one made
 * instead of making a second, and never loses a one-time secret of the first answer for good.
 */
package dev.cairn.tenant.idempotency;
