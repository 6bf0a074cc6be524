/** Test-only fault points: named places in ingest where a crash test parks the service to kill it there. */
package dev.cairn.ingest.fault;
