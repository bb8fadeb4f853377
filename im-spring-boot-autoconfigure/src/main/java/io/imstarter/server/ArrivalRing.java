package io.imstarter.server;

import java.util.function.Predicate;

/**
 * Elements in arrival order, at most {@code capacity} of them, with a cursor that marks how far they were checked
 * for a deadline: {@link C2cTracker}'s messages, whose arrival order is also the order of their ACK deadlines and
 * of the ends of their dedup window. An array that grows to the capacity, instead of two linked queues with a node
 * per message each, which the young collections copied for as long as the messages were remembered. Guarded by its
 * monitor; every call holds it for one element.
 */
final class ArrivalRing<E> {

    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private Object[] slots;
    private int head;
    private int size;
    /** How many elements from the oldest on were handed out by {@link #nextDue}. */
    private int checked;

    ArrivalRing(int capacity) {
        this.capacity = capacity;
        this.slots = new Object[Math.min(capacity, INITIAL_SLOTS)];
    }

    /** Appends the element; when the ring is full, the oldest makes room and is returned, else null. */
    synchronized E add(E element) {
        E pushedOut = null;
        if (size == slots.length && slots.length < capacity) {
            grow();
        }
        if (size == slots.length) {
            pushedOut = removeOldest();
        }
        slots[(head + size) % slots.length] = element;
        size++;
        return pushedOut;
    }

    /** Removes and returns the oldest element if {@code expired} accepts it, else null. */
    synchronized E pollOldestIf(Predicate<E> expired) {
        return size > 0 && expired.test(at(0)) ? removeOldest() : null;
    }

    /** The oldest element not handed out before, if {@code due} accepts it; it counts as handed out then. */
    synchronized E nextDue(Predicate<E> due) {
        if (checked == size || !due.test(at(checked))) {
            return null;
        }
        return at(checked++);
    }

    @SuppressWarnings("unchecked")
    private E at(int fromOldest) {
        return (E) slots[(head + fromOldest) % slots.length];
    }

    private E removeOldest() {
        E oldest = at(0);
        slots[head] = null;
        head = (head + 1) % slots.length;
        size--;
        checked = Math.max(0, checked - 1);
        return oldest;
    }

    private void grow() {
        Object[] grown = new Object[(int) Math.min(capacity, 2L * slots.length)];
        for (int i = 0; i < size; i++) {
            grown[i] = slots[(head + i) % slots.length];
        }
        slots = grown;
        head = 0;
    }
}
