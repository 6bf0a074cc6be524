/** Crash tests: services killed with SIGKILL at named points, and servers restarted on their data. */
package dev.cairn.it.crash;
