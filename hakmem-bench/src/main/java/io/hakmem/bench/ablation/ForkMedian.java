package io.hakmem.bench.ablation;

import java.util.Comparator;
import java.util.List;

/**
 * The cell a subject's forks on one scenario report: the fork with the median first figure (time or throughput), whole,
 * so that its paths, faults and memory are the ones measured with that figure; of an even count, the worse of the two
 * middle forks, whichever the figure. A fork that did not finish is shown instead: a cell that failed once is not
 * hidden behind the forks that passed.
 */
final class ForkMedian {
    private ForkMedian() {
    }

    static Cell of(List<Cell> forks) {
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("A cell with no fork");
        }
        for (Cell fork : forks) {
            if (!fork.ok()) {
                return fork;
            }
        }
        List<Cell> worstFirst = forks.stream().sorted(Comparator.comparingDouble(ForkMedian::badness)).toList()
                .reversed();
        return worstFirst.get((worstFirst.size() - 1) / 2);
    }

    /** Larger is worse: a longer time, a lower throughput. */
    private static double badness(Cell cell) {
        return cell.throughputFirst() ? -cell.throughput() : cell.medianNanos();
    }
}
