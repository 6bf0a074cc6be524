package dev.cairn.scheduler.policy;

import java.util.UUID;

/** Where a policy's next fire is kept: set when it is created, changed or resumed, dropped when paused or deleted. */
public interface PolicyTimers {
    /** Sets the policy's next fire from its schedule, or drops it when the policy is paused; in the caller's transaction. */
    void arm(Policy policy);

    /** Drops the policy's next fire, in the caller's transaction. */
    void disarm(UUID policyId);
}
