/**
 * Signed recovery reports: when a recovery (or a drill) ends, what it restored, from where, how it was verified and
 * how long it took is written once as a JSON document and signed with the platform's key (ECDSA P-256, SHA-256; a
 * detached DER signature anyone can check with the published public key, e.g. with openssl). ADR 0019.
 */
package dev.cairn.recovery.report;
