/** What every Cairn service shares. Features live in the services; this module holds only cross-cutting parts. */
package dev.cairn.platform;
