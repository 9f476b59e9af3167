package io.anklume.core.plan;

import io.anklume.incus.EventsApi;
import io.anklume.incus.IncusClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real client that records every call on its resource APIs ("projects.list", "networks.find", ...):
 * each is one request to incusd. The event stream is passed through uncounted.
 */
final class CountingIncus {
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final IncusClient client;

    CountingIncus(IncusClient real) {
        // The client's no-argument methods return its API families (projects(), networks(), ...).
        this.client = (IncusClient) proxy(IncusClient.class, real, null, (method, result) -> {
            Class<?> type = method.getReturnType();
            boolean family = type.isInterface() && type != EventsApi.class && method.getParameterCount() == 0;
            return family ? proxy(type, result, method.getName(), (m, r) -> r) : result;
        });
    }

    IncusClient client() {
        return client;
    }

    /** The calls since the last {@code take}, in order. */
    List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    /** {@code family} null: calls are not counted (the client itself); otherwise "family.method". */
    private Object proxy(Class<?> type, Object real, String family, After after) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            if (family != null) {
                calls.add(family + "." + method.getName());
            }
            try {
                return after.apply(method, method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
