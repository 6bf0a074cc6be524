/** The Cairn command line: sign up, sign in, and hand out tokens for scripts. */
package dev.cairn.cli;
