/** How answers are printed: {@code -o table|json|yaml}. */
package dev.cairn.cli.output;
