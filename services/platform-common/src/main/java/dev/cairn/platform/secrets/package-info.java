/** A service in production refuses to start on a missing, published or guessable secret. */
package dev.cairn.platform.secrets;
