/** The caller's identity, taken from the validated bearer token (never from a request parameter). */
package dev.cairn.tenant.identity;
