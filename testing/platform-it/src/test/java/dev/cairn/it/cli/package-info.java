/** Integration tests of the command line (./cairn) as a user runs it. */
package dev.cairn.it.cli;
