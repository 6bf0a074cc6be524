/**
 * Firing policies: Quartz triggers (clustered JDBC store) at each policy's next fire, the runs they make and their
 * commands, "run now", and the follower that ends runs from their commands' outcomes.
 */
package dev.cairn.scheduler.fire;
