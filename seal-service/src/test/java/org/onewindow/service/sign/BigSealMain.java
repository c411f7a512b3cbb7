package org.onewindow.service.sign;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry of the large-document benchmark: seals {@code args[0]} into {@code args[1]} at {@code args[3]}
 * with a fresh demo PKI in {@code args[2]} and prints the peak heap use.
 */
public final class BigSealMain {
    private BigSealMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[2]);
        SealingFixture pki = new SealingFixture(work);
        SealIdentity seal = pki.acceptanceSeal();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        SealResult result = pki.sealer().seal(Path.of(args[0]), Path.of(args[1]), seal,
                SealRequest.of(PadesLevel.parse(args[3]), new SealPlacement.PageArea(1, 150, 240, 40, 40), "受理", ""));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("RESULT millis=" + millis + " peakHeapBytes=" + peak + " maxHeapBytes="
                + Runtime.getRuntime().maxMemory() + " outputBytes=" + Files.size(Path.of(args[1]))
                + " field=" + result.fieldName());
    }
}
