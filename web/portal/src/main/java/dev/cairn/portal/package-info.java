/**
 * The web portal (ADR 0020): server-rendered pages over the public API, each made with the signed-in user's own
 * access token; no database and no privileges of its own.
 */
package dev.cairn.portal;
