/** The reverse proxy: the public API's paths routed to the services that own them. */
package dev.cairn.gateway.proxy;
