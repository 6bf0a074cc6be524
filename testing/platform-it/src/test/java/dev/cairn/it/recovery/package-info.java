/** Recoveries: the state machine end to end, through a SIGKILL in each state, and from the DR region. */
package dev.cairn.it.recovery;
