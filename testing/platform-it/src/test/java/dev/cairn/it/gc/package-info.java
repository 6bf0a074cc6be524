/** Integration tests of garbage collection: space given back, and the race with backups in progress. */
package dev.cairn.it.gc;
