/** HTTP helpers the resources of several features share: CSV bodies (RFC 4180) and answering with them. */
package dev.cairn.metering.http;
