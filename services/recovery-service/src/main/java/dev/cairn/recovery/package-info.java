/**
 * The recovery service. Its features arrive as packages of their own under this one (see services/recovery-service/README.md).
 */
package dev.cairn.recovery;
