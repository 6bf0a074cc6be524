/** Integration tests of the data path: backups, restores, verify, pre-signed URLs, ingest, catalog rebuild. */
package dev.cairn.it.backup;
