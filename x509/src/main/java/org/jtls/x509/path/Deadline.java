package org.jtls.x509.path;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/** A point in time after which validation gives up; the clock is passed in, never read globally. */
@FunctionalInterface
public interface Deadline {
    /** Never passes. */
    Deadline NONE = () -> false;

    boolean hasPassed();

    /**
     * The deadline {@code limit} from now on a monotonic nanosecond clock such as
     * {@code System::nanoTime}.
     */
    static Deadline after(Duration limit, LongSupplier nanoClock) {
        Objects.requireNonNull(nanoClock, "nanoClock");
        long end = nanoClock.getAsLong() + limit.toNanos();
        return () -> nanoClock.getAsLong() - end > 0;
    }
}
