/** Content-defined chunking (FastCDC, 256 KiB / 1 MiB / 4 MiB), format v1. */
package dev.cairn.data.chunking;
