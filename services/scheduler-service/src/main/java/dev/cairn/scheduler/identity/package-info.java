/** Who calls: the tenant and user of a request, from its validated token. */
package dev.cairn.scheduler.identity;
