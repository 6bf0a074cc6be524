/** The gateway: the single origin of the local run for the portal and the public API. */
package dev.cairn.gateway;
