/**
 * Partners' webhooks: endpoints they register, events signed with an HMAC (timestamp and body, as Stripe does) and
 * delivered from a persisted queue with retries and backoff, and a log of every delivery.
 */
package dev.cairn.metering.webhook;
