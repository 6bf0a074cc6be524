/** Integration tests of the in-cluster agent: daemon, chart one-liner, proxy, command channel, Kubernetes round trip, volumes. */
package dev.cairn.it.agent;
