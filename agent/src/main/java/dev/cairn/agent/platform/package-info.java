/** The platform's HTTP API as the agent calls it: its own token, retries with backoff while a service restarts. */
package dev.cairn.agent.platform;
