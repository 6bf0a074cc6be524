/** Who calls: the tenant of a request, from its validated token. */
package dev.cairn.metering.identity;
