package com.example.orders;

import dev.asyncguard.annotations.AllowBlocking;
import dev.asyncguard.annotations.NonBlocking;
import java.util.concurrent.CompletableFuture;

/** Runs on the server's event loop: a few threads serve every connection, so none may block. */
public final class RequestHandler {
  private final OrderService orders;

  public RequestHandler(OrderService orders) {
    this.orders = orders;
  }

  /** Called on an event-loop thread for every request. */
  @NonBlocking
  public CompletableFuture<Void> onOrder(Order order) throws InterruptedException {
    // Rate limiting by sleeping stalls every connection this thread serves.
    Thread.sleep(100); // BUG[BlockingCallInAsync]
    return orders.place(order);
  }

  public CompletableFuture<String> onRetry(Order order) {
    return orders
        .place(order)
        // A callback runs on the thread that completes the future: often the event loop.
        .thenApply(
            placed -> {
              try {
                Thread.sleep(10); // BUG[BlockingCallInAsync]
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "retried " + order.id();
            });
  }

  /** Runs once before the server accepts connections; blocking is fine there. */
  @NonBlocking
  @AllowBlocking("startup, before the event loop accepts connections")
  public void warmUp() throws InterruptedException {
    Thread.sleep(500);
  }

  /** Blocks on purpose: the admin endpoint has a thread of its own. */
  @NonBlocking
  @SuppressWarnings("BlockingCallInAsync")
  public void onAdminDrain() throws InterruptedException {
    Thread.sleep(1_000);
  }

  /** Plain synchronous code may block: AsyncGuard says nothing here. */
  public void shutdown() throws InterruptedException {
    Thread.sleep(50);
  }
}
