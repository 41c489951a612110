/** ELO: per-site strategy selection with the LEARN, FROZEN, CANARY lifecycle. */
package io.hakmem.elo;
