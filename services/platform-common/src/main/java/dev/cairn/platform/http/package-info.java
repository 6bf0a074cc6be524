/** HTTP concerns every service shares: how request bodies are read, and rate limits (token buckets, 429). */
package dev.cairn.platform.http;
