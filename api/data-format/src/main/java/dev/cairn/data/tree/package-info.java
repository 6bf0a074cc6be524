/** The file tree v1 of a backup: entries with names as raw bytes, metadata and chunk extents; encrypted as chunks. */
package dev.cairn.data.tree;
