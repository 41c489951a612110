package io.hakmem.modes.core;

/**
 * Runs release steps that must all be tried even when one fails (close, trim): the first failure is thrown
 * at the end, with the later ones attached as suppressed.
 */
final class Failures {
    private RuntimeException first;

    void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
    }

    void rethrow() {
        if (first != null) {
            throw first;
        }
    }
}
