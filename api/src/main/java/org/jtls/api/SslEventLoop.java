package org.jtls.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One thread that drives many non-blocking connections: the counterpart of the Qt event loop an
 * event-driven {@code QSslSocket} lives in. Sockets created with an event loop
 * ({@link SslSocket#SslSocket(SslConfiguration, SslEventLoop)}) and every {@link SslServer} do
 * their network work here and deliver their listener callbacks on this thread.
 *
 * <p>Callbacks must not block: a listener that waits holds up every connection of the loop. Work
 * that takes long belongs on another thread, which may then call the socket (its methods are
 * thread-safe in event-driven use).
 *
 * <p>{@link #close()} stops the thread and closes every channel still registered; close or abort
 * the sockets and servers of a loop before the loop itself (a socket left open reports no
 * {@code disconnected} once its loop is gone, and refuses further work). An exception a task
 * throws is reported to the thread's uncaught-exception handler and the loop goes on.
 */
public final class SslEventLoop implements AutoCloseable {
    /** Called on the loop thread when a registered channel is ready for what it asked for. */
    @FunctionalInterface
    interface ChannelHandler {
        void ready(SelectionKey key);
    }

    /** A task scheduled with {@link #schedule}; cancel it before it runs to drop it. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadlineNanos;
        private final long sequence;
        private final Runnable task;
        private volatile boolean cancelled;

        private Timer(long deadlineNanos, long sequence, Runnable task) {
            this.deadlineNanos = deadlineNanos;
            this.sequence = sequence;
            this.task = task;
        }

        /** The task will not run (if it has not already). */
        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadlineNanos - other.deadlineNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** Name resolution blocks; it runs here so the loop does not. Shared by all loops. */
    private static final ExecutorService RESOLVER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "jtls-resolver");
        thread.setDaemon(true);
        return thread;
    });

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Only touched on the loop thread. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    private volatile boolean closing;

    private SslEventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts a loop on a new daemon thread called {@code name}. */
    public static SslEventLoop start(String name) {
        Objects.requireNonNull(name, "name");
        try {
            SslEventLoop loop = new SslEventLoop(name);
            loop.thread.start();
            return loop;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Starts a loop on a daemon thread named {@code jtls-event-loop}. */
    public static SslEventLoop start() {
        return start("jtls-event-loop");
    }

    /** Whether the calling thread is this loop's thread. */
    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closing;
    }

    /**
     * Runs {@code task} on the loop thread, after the tasks queued before it.
     *
     * @throws IllegalStateException if the loop is closed
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closing) {
            throw new IllegalStateException("the event loop is closed");
        }
        tasks.add(task);
        if (!inLoopThread()) {
            selector.wakeup();
        }
    }

    /**
     * Runs {@code action} on the loop thread and returns its result: at once when called there,
     * otherwise the caller waits. What the action throws is thrown to the caller.
     *
     * @throws IllegalStateException if the loop is closed, or ends before it ran the action
     */
    <T> T call(Supplier<T> action) {
        if (inLoopThread()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException | Error failure) {
                result.completeExceptionally(failure);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (isTerminated() && !result.isDone()) {
                        throw new IllegalStateException("the event loop ended before it ran the call");
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code task} on the loop thread once {@code delay} has passed, unless cancelled first. */
    public Timer schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long nanos = Math.max(0, delay.toNanos());
        Timer timer = new Timer(System.nanoTime() + nanos, timerSequence.incrementAndGet(), task);
        if (inLoopThread()) {
            timers.add(timer);
        } else {
            execute(() -> timers.add(timer));
        }
        return timer;
    }

    /** Registers {@code channel} (non-blocking) for {@code ops}; on the loop thread only. */
    SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws ClosedChannelException {
        if (!inLoopThread()) {
            throw new IllegalStateException("channels are registered on the loop thread");
        }
        return channel.register(selector, ops, handler);
    }

    /** Runs {@code task} on the resolver pool (for blocking name lookups). */
    static void resolve(Runnable task) {
        RESOLVER.execute(task);
    }

    /**
     * Stops the loop: queued tasks and due timers that have not run are dropped, and the channels
     * still registered are closed. Waits (at most a few seconds) for the thread to end, unless
     * called on the loop thread itself.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        selector.wakeup();
        if (!inLoopThread()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!closing) {
                long timeoutMillis = millisUntilNextTimer();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (timeoutMillis < 0) {
                    selector.select();
                } else if (timeoutMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(timeoutMillis);
                }
                dispatchReadyChannels();
                runDueTimers();
                runQueuedTasks();
            }
        } catch (IOException | RuntimeException broken) {
            report(broken);
        } finally {
            closing = true;
            shutDown();
        }
    }

    /** -1: no timer; 0: one is due; otherwise the whole milliseconds until the next one (at least 1). */
    private long millisUntilNextTimer() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        Timer next = timers.peek();
        if (next == null) {
            return -1;
        }
        long nanos = next.deadlineNanos - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private void dispatchReadyChannels() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            try {
                ((ChannelHandler) key.attachment()).ready(key);
            } catch (RuntimeException | Error failure) {
                report(failure);
            }
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        List<Timer> due = new ArrayList<>();
        while (!timers.isEmpty() && timers.peek().deadlineNanos - now <= 0) {
            due.add(timers.poll());
        }
        for (Timer timer : due) {
            if (!timer.cancelled) {
                runSafely(timer.task);
            }
        }
    }

    private void runQueuedTasks() {
        // Only what is queued now: a task that queues another does not starve the selector.
        int count = tasks.size();
        for (int index = 0; index < count; index++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            runSafely(task);
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error failure) {
            report(failure);
        }
    }

    private void report(Throwable failure) {
        Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
        handler.uncaughtException(thread, failure);
    }

    private void shutDown() {
        timers.clear();
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException alreadyBroken) {
                // The loop is going away; a channel that fails to close is closed as far as we can.
                continue;
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing is left to report it to: the loop thread is ending.
        }
        // Tasks queued before close() still run (their channels are closed now), so nobody waits
        // forever for one.
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            runSafely(task);
        }
    }

    /** Whether the loop thread has ended (after {@link #close()}). */
    boolean isTerminated() {
        return !thread.isAlive();
    }

    @Override
    public String toString() {
        return "SslEventLoop[" + thread.getName() + (closing ? ", closed" : "") + "]";
    }
}
