/**
 * The scheduler service. Its features arrive as packages of their own under this one (see services/scheduler-service/README.md).
 */
package dev.cairn.scheduler;
