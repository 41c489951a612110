/** Batch reclaim: freed large blocks given back to the OS together with madvise. */
package io.hakmem.batch;
