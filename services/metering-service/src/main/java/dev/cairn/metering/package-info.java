/**
 * The metering service. Its features arrive as packages of their own under this one (see services/metering-service/README.md).
 */
package dev.cairn.metering;
