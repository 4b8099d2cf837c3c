package io.pipewright.app.testing;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A list that knows how much of it a test has looked at: reading it (its size, an element, a stream,
 * an assertion on it) counts every element it holds then as checked. What a view model adds after the
 * test's last look, and matches {@code counts}, is {@link #unchecked}.
 */
public final class CheckedList<T> extends AbstractList<T> {
  private final List<T> elements = new ArrayList<>();
  private int checked;

  @Override
  public synchronized T get(int index) {
    checked = elements.size();
    return elements.get(index);
  }

  @Override
  public synchronized int size() {
    checked = elements.size();
    return elements.size();
  }

  @Override
  public synchronized boolean add(T element) {
    return elements.add(element);
  }

  @Override
  public synchronized void add(int index, T element) {
    elements.add(index, element);
  }

  @Override
  public synchronized T remove(int index) {
    checked = Math.max(0, checked - 1);
    return elements.remove(index);
  }

  @Override
  public synchronized void clear() {
    checked = 0;
    elements.clear();
  }

  /** The elements added since the test last looked at the list that match {@code counts}. */
  public synchronized List<T> unchecked(Predicate<T> counts) {
    return elements.subList(Math.min(checked, elements.size()), elements.size()).stream().filter(counts).toList();
  }
}
