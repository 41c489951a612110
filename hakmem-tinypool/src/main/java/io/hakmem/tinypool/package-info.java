/** TinyPool: thread-local size-class pools for small blocks. */
package io.hakmem.tinypool;
