/** HTTP concerns every service shares: how request bodies are read. */
package dev.cairn.platform.http;
