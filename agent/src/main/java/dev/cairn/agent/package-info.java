/** The Cairn agent: backs a source up into the platform, restores and verifies backups (docs/protocol.md). */
package dev.cairn.agent;
