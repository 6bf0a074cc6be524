/** What registration gave the agent: its Kafka user, API client, MAC key and its tenant's unwrapped data keys. */
package dev.cairn.agent.credentials;
