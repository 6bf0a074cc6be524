package dev.cairn.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A class whose time is mostly waiting (for a policy's minute, a lease to lapse, a grace period, a page to refresh):
 * it runs beside the other classes (its tests, on tenants of their own, side by side too), but never while a class
 * marked {@link DisruptsThePlatform} runs. {@code src/test/resources/junit-platform.properties} turns this on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = DisruptsThePlatform.PLATFORM, mode = ResourceAccessMode.READ)
public @interface WaitsMostly {}
