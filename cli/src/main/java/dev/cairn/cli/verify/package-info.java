/** {@code cairn verify}: re-reads a backup's chunks from object storage and checks them. */
package dev.cairn.cli.verify;
