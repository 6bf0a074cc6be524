/**
 * Adding a cluster: its name, then the helm one-liner that installs the agent, and the page turns from "waiting for
 * the agent" to Connected by itself when the agent registers.
 */
package dev.cairn.portal.cluster;
