/**
 * Claim-check uploads (ADR 0025): agents put their own packs into the tenant's home region through pre-signed PUT URLs
 * of upload slots, and announce them with pack reference records v3; a record commits its pack only for a slot of
 * its tenant, agent and backup, and only when the object is the size and MD5 the record vouches for.
 */
package dev.cairn.ingest.upload;
