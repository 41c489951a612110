package io.hakmem.spi;

import java.nio.file.Path;

/**
 * Optional capability of a part that learns (ELO's {@link ThresholdSelector}): it writes what it learned to a
 * file on demand, for a management operation (JMX) to offer. The core finds it with {@code instanceof} on the
 * part it holds; a part that learns nothing does not implement it.
 *
 * <p>Never called on the allocate/free path: the write runs on the caller's thread.
 */
public interface ProfileWriter {

    /**
     * Writes the profile now, atomically (a reader never sees half a file).
     *
     * @return the file written, absolute
     * @throws IllegalStateException          when no destination is configured
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    Path saveProfile();
}
