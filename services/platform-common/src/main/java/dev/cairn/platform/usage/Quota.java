package dev.cairn.platform.usage;

import dev.cairn.platform.problem.ProblemException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's limit of stored bytes and the plan it comes from. Exact integer arithmetic: the free tier's limit is
 * 10^12 bytes, and a tenant with 10^12 − 1 bytes stored may still start a backup, one with 10^12 may not.
 *
 * @param plan the code of the tenant's plan ({@code free}, ...)
 * @param limitBytes the most bytes the tenant may hold in object storage; new backups are refused at it
 */
public record Quota(String plan, long limitBytes) {
    /** The free tier: 1 TB, that is 10^12 bytes (decimal, as storage is sold). */
    public static final long FREE_TIER_BYTES = 1_000_000_000_000L;

    public Quota {
        if (plan == null || plan.isBlank() || limitBytes < 0) {
            throw new IllegalArgumentException("a quota needs a plan and a limit of 0 bytes or more");
        }
    }

    /** True when a tenant holding {@code storedBytes} may start a backup or have another pack written. */
    public boolean allows(long storedBytes) {
        return storedBytes < limitBytes;
    }

    /** Ok under 80 %, Warning from 80 %, Exceeded at the limit (computed without rounding). */
    public QuotaLevel level(long storedBytes) {
        if (!allows(storedBytes)) {
            return QuotaLevel.Exceeded;
        }
        // stored / limit >= 0.8  <=>  5 * stored >= 4 * limit, in integers that cannot overflow
        BigInteger five = BigInteger.valueOf(storedBytes).multiply(BigInteger.valueOf(5));
        BigInteger four = BigInteger.valueOf(limitBytes).multiply(BigInteger.valueOf(4));
        return five.compareTo(four) >= 0 ? QuotaLevel.Warning : QuotaLevel.Ok;
    }

    /** A reason naming the numbers, for a backup that ended Failed at the limit and for the problem's detail. */
    public String exceededReason(long storedBytes) {
        return "quota-exceeded: the tenant holds " + storedBytes + " bytes and its limit is " + limitBytes
                + " bytes (plan " + plan + "); delete backups to make room (garbage collection gives the space back)";
    }

    /**
     * 403 {@code quota-exceeded}, with the members {@code used}, {@code limit} and {@code plan}: a new backup refused
     * because the tenant is at its limit.
     */
    public ProblemException exceeded(long storedBytes) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("used", storedBytes);
        members.put("limit", limitBytes);
        members.put("plan", plan);
        return new ProblemException(403, "quota-exceeded", "Quota exceeded", exceededReason(storedBytes), members);
    }
}
