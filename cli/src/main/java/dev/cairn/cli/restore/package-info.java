/** {@code cairn restore create|local}: restores into a cluster (by its agent) or from this machine. */
package dev.cairn.cli.restore;
