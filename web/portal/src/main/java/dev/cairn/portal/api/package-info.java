/**
 * The public API as the portal calls it: JSON over HTTP with the signed-in user's bearer token; a problem+json answer
 * becomes an {@link dev.cairn.portal.api.ApiProblem} that pages show as a readable message.
 */
package dev.cairn.portal.api;
