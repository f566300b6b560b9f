package dev.asyncguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method or constructor blocks its caller (IO, waiting, sleeping). AsyncGuard's {@code
 * BlockingCallInAsync} check reports calls to it from code that must not block, even when its body is
 * not visible (an interface method, a library compiled separately).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Blocking {}
