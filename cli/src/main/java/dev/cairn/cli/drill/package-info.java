/** {@code cairn drill}: the signed reports of recoveries and restore drills, downloaded and checked. */
package dev.cairn.cli.drill;
