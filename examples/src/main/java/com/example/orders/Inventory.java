package com.example.orders;

import java.util.concurrent.CompletableFuture;

/** Stock, reached over the network. */
public interface Inventory {
  /** Completes with a reservation id once the items are held for the order. */
  CompletableFuture<String> reserve(Order order);
}
