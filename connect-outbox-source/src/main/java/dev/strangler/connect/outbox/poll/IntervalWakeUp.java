package dev.strangler.connect.outbox.poll;

/** Waits the full poll interval unless {@link #wakeUp()} is called (the task is stopping). */
public final class IntervalWakeUp implements WakeUpSignal {

    private final Object monitor = new Object();
    private boolean woken;

    @Override
    public void await(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (monitor) {
            long remaining;
            while (!woken && (remaining = deadline - System.nanoTime()) > 0) {
                monitor.wait(Math.max(1, remaining / 1_000_000L));
            }
            woken = false;
        }
    }

    @Override
    public void wakeUp() {
        synchronized (monitor) {
            woken = true;
            monitor.notifyAll();
        }
    }
}
