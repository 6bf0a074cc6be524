package dev.cairn.platform.usage;

import java.util.List;

/** Where relayed usage events go: the usage topic. */
public interface UsagePublisher {
    /** Sends the events and returns once every one is acknowledged; throws when any is not. */
    void publish(List<UsageEvent> events);
}
