/**
 * What every mode of the agent (the daemon, the node agent, the command line) works with, assembled in one place:
 * its credentials, the platform client, its state folder, and backup runs over the Kafka data path.
 */
package dev.cairn.agent.runtime;
