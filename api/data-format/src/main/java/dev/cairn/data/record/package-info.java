/** Records on the data topic (format v1) and the MAC that ties each to its agent. */
package dev.cairn.data.record;
