package com.terrifictotes.etl.testbed.lambda;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.crac.Resource;

/**
 * The SnapStart hooks a handler registered, run as SnapStart runs them before it takes the snapshot. Called directly,
 * because outside a CRaC runtime the global context refuses to run a checkpoint.
 *
 * <p>Used by {@link HandlerLaunch} (packed into its jar by {@link LaunchJar}: it loads nothing but the JDK and
 * org.crac) and by the bench's stage processes, which time a stage after its function's hooks as a restored
 * function would run it.
 */
public final class SnapStartHooks {
    private SnapStartHooks() {
    }

    /**
     * The handler itself if it is a CRaC resource, plus each of its fields that holds one (a handler must keep a
     * reference, since CRaC contexts may hold resources weakly).
     */
    public static List<Resource> of(Object handler) {
        List<Resource> resources = new ArrayList<>();
        if (handler instanceof Resource resource) {
            resources.add(resource);
        }
        for (Field field : handler.getClass().getDeclaredFields()) {
            if (Resource.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                try {
                    if (field.get(handler) instanceof Resource resource) {
                        resources.add(resource);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read the SnapStart hook in " + field, e);
                }
            }
        }
        return resources;
    }

    /** Runs every hook of {@code handler} before a snapshot; returns how many ran. */
    public static int runBeforeCheckpoint(Object handler) {
        List<Resource> resources = of(handler);
        for (Resource resource : resources) {
            try {
                resource.beforeCheckpoint(null);
            } catch (Exception e) {
                throw new IllegalStateException("priming " + handler.getClass().getName() + " failed: "
                        + e.getMessage(), e);
            }
        }
        return resources.size();
    }
}
