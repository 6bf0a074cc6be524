/** {@code cairn partner}: partners as the platform's operators add them. */
package dev.cairn.cli.partner;
