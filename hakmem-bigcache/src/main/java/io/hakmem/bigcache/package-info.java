/** BigCache: per-site caches of freed large blocks by size class. */
package io.hakmem.bigcache;
