package nftlink.nftables.conformance;

import nftlink.nftables.lang.TimeZoneScope;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Runs each test method in {@link TimeZoneScope#call} UTC+2: nftables' own test runner sets
 * {@code TZ=UTC-2}, so the vectors' {@code meta time} and {@code meta hour} values are in UTC+2.
 */
public final class VectorTimeZone implements InvocationInterceptor {

    /** The zone of nftables' test vectors. */
    public static final ZoneId ZONE = ZoneOffset.ofHours(2);

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                    ExtensionContext context) throws Throwable {
        Throwable failed = TimeZoneScope.call(ZONE, () -> {
            try {
                invocation.proceed();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        if (failed != null) {
            throw failed;
        }
    }
}
