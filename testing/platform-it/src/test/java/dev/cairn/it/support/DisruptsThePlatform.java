package dev.cairn.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A class that kills a service, stops a region's object store or otherwise makes the shared platform misbehave on
 * purpose: no {@link WaitsMostly} class runs while it does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(value = DisruptsThePlatform.PLATFORM, mode = ResourceAccessMode.READ_WRITE)
public @interface DisruptsThePlatform {
    /** The lock's name: the shared platform. */
    String PLATFORM = "cairn-platform";
}
