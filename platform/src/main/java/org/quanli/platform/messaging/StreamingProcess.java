package org.quanli.platform.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a streaming processing group whose handlers send commands (a process), as opposed to a projection. A
 * process's commands append their events when its batch commits, so a command that fails there fails the batch after
 * every handler returned. Such a group runs batches of one event, so that the failed batch names its event and
 * {@link org.quanli.platform.projections.SegmentErrors} parks it; its configuration sets that batch size. It does not
 * keep Axon's cache of parked sequences: that cache knows only the letters its own invoker parked, and with it the
 * retried batch took the event parked after the commit for absent and failed on it again, several times over, each
 * time stopping every segment of the group for a growing back-off.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamingProcess {
}
