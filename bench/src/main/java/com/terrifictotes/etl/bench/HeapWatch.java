package com.terrifictotes.etl.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the memory of the process it runs in while a stage works:
 * <ul>
 *   <li>peak heap after GC: the most heap still occupied right after any collection (live data plus what the
 *       collector chose to keep), the figure that must fit the heap limit;</li>
 *   <li>peak heap used: sampled every few milliseconds, garbage included, so never above -Xmx;</li>
 *   <li>peak bytes in the temporary directory, to show that nothing is spilled to /tmp.</li>
 * </ul>
 */
final class HeapWatch implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 5;
    private static final int DIRECTORY_EVERY = 20;

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakTemporary = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final NotificationListener listener = this::collected;
    private final Path temporary;
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch(Path temporary) {
        this.temporary = temporary;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
        sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    long peakUsed() {
        return Math.max(peakUsed.get(), peakAfterGc.get());
    }

    long peakTemporaryBytes() {
        return peakTemporary.get();
    }

    long collections() {
        return collections.get();
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        collections.incrementAndGet();
        peakAfterGc.accumulateAndGet(after, Math::max);
    }

    private void sample() {
        int round = 0;
        while (running) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            peakUsed.accumulateAndGet(heap.getUsed(), Math::max);
            if (temporary != null && round++ % DIRECTORY_EVERY == 0) {
                peakTemporary.accumulateAndGet(bytesUnder(temporary), Math::max);
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static long bytesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            long total = 0;
            for (Path file : regular) {
                total += file.toFile().length();
            }
            return total;
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file vanished while walking: the next sample counts again
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        if (temporary != null) {
            peakTemporary.accumulateAndGet(bytesUnder(temporary), Math::max);
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // never registered on this collector: nothing to remove
            }
        }
    }
}
