/** The recovery service's crash points for the tests (docs/adr/0008); nothing in production. */
package dev.cairn.recovery.fault;
