/**
 * The ingest service. Its features arrive as packages of their own under this one (see services/ingest-service/README.md).
 */
package dev.cairn.ingest;
