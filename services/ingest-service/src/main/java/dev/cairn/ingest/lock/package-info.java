/**
 * Immutable backups: a backup its policy marks immutable is held by S3 object lock until a date (its manifest and every
 * pack it references, the packs' locks extended to the latest backup that needs them; their DR copies held as long),
 * and nothing deletes it, or
 * rewrites its packs, before then. Stores that cannot lock objects are reported, and refused, clearly (ADR 0033).
 */
package dev.cairn.ingest.lock;
