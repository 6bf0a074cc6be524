/** Packs (pack v1: concatenated chunk envelopes and an index object) and the catalog transaction that commits them. */
package dev.cairn.ingest.pack;
