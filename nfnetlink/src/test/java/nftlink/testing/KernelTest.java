package nftlink.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class or method that talks to the real kernel. It runs only as
 * root with {@code ip} and {@code nft} available; otherwise it is skipped with a
 * message that says why. Under CI ({@code CI=true}) a missing prerequisite fails
 * the test instead, so CI can never pass by skipping.
 *
 * <p>Test methods may declare a {@link TestNamespace} parameter: a fresh named
 * network namespace made for that test and removed after it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelTestExtension.class)
public @interface KernelTest {
}
