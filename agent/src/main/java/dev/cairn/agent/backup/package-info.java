/** A backup run: walk, file cache, chunk, ask which chunks are missing, seal and send them, commit the manifest. */
package dev.cairn.agent.backup;
