/**
 * The contract between agent and platform, v1: what an agent sends to register and on every heartbeat, what it
 * receives when it registers, and the platform's internal answer about an agent's identity. Plain records with the
 * constraints the platform enforces; both sides compile against them, and stored examples of each JSON body
 * ({@code src/test/resources/v1/}) are decoded by tests. No transport or framework types here.
 */
package dev.cairn.api.agent;
