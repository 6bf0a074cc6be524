/** What an agent backs up: a source walks entries in tree order and opens file contents (local directories now, Kubernetes resources and pod volumes next). */
package dev.cairn.agent.source;
