/** The S3 edge of {@code pack}. */
package dev.cairn.ingest.storage;
