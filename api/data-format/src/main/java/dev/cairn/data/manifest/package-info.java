/** The backup manifest v1: what a backup references, its statistics, and the root of its encrypted tree. */
package dev.cairn.data.manifest;
