package dev.cairn.gateway.status;

import java.util.List;

/**
 * The readiness of every service behind the gateway.
 *
 * @param ready true when every service is ready
 * @param services one entry per service
 */
public record PlatformStatus(boolean ready, List<ServiceStatus> services) {

    /**
     * One service's readiness.
     *
     * @param name the service name
     * @param status {@code UP}, {@code DOWN} or {@code UNREACHABLE}
     * @param checks the names of its readiness checks that are down
     */
    public record ServiceStatus(String name, String status, List<String> checks) {}
}
