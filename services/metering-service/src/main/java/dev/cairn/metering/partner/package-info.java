/**
 * The partner billing and usage API: each customer's usage by hour, day or month and its monthly statements, as
 * JSON or CSV ({@code Accept: text/csv}), cursor pages, and a per-partner rate limit (429 with Retry-After).
 */
package dev.cairn.metering.partner;
