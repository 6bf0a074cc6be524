package dev.cairn.api.agent.backup;

import java.util.List;

/**
 * The ids the tenant's catalog does not have: only these need to cross the network.
 *
 * @param missing the missing ids, in the order asked
 */
public record MissingChunks(List<String> missing) {}
