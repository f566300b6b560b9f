package com.example.orders;

import java.math.BigDecimal;

/** An order as the shop receives it. */
public record Order(String id, String customer, BigDecimal amount) {}
