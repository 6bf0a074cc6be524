/** {@code cairn schedule create|list|describe|pause|resume|run|runs|delete}: the tenant's backup policies. */
package dev.cairn.cli.schedule;
