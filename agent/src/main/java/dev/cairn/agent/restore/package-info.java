/** Restore and verify: the tree from the backup's root chunks, chunks from packs through pre-signed URLs, each opened and its id checked. */
package dev.cairn.agent.restore;
