package io.hakmem.bigcache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A base for BigCache's bins, whose critical sections are a few stores long: locking is one CAS, unlocking a
 * release store, and a waiter spins briefly, then yields to let the holder run. The lock lives in the object itself, so taking it costs no extra indirection.
 */
abstract class SpinLocked {
    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(SpinLocked.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through LOCK
    private volatile int lock;

    final void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            lockSlow();
        }
    }

    private void lockSlow() {
        int spins = 0;
        do {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        } while ((int) LOCK.getOpaque(this) != 0 || !LOCK.compareAndSet(this, 0, 1));
    }

    final void unlock() {
        LOCK.setRelease(this, 0);
    }
}
