/** {@code cairn usage}: the tenant's stored bytes against its quota, and usage over time, with bar charts. */
package dev.cairn.cli.usage;
