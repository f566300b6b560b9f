package dev.asyncguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Code that must not block: an event-loop handler, a callback, a reactive operator.
 *
 * <p>On a method or constructor, its body (and the lambdas in it that run inline) must not make a
 * blocking call. On a type, every method and constructor of the type, and of the types nested in it,
 * is covered. A method that overrides a {@code @NonBlocking} method is covered too. AsyncGuard's
 * {@code BlockingCallInAsync} check reports blocking calls found there, directly or through helper
 * methods of the same compilation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface NonBlocking {}
