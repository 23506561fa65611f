package cn.kepu.media.shared.graphql;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sees the bytes SmallRye GraphQL writes for a request: a routing context whose {@code response()} is the real
 * response behind a pass-through proxy that copies the body handed to {@code end}. Everything else goes to the real
 * objects unchanged, and fluent calls return the proxies, so a chain such as
 * {@code response.setStatusCode(200).end(body)} still passes through the copy.
 *
 * <p>Vert.x offers no hook for a response's body (only for its headers and end), and SmallRye writes its answer with
 * one {@code end(Buffer)}: this is the narrowest place to take it, and the bytes taken are exactly those sent.
 */
final class ResponseCapture {

    /** What was sent: status, content type and body; {@code streamed} when it was not one {@code end(body)}. */
    record Sent(int status, String contentType, byte[] body, boolean streamed) {
    }

    private final HttpServerResponse response;
    private final HttpServerResponse proxy;
    private final Consumer<Sent> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean streamed;
    private volatile boolean endCalled;

    /**
     * {@code onEnd} is called once: after the body went to the real response (on the thread that ended it), or when
     * the response ended or its connection closed without that (then with no body).
     */
    ResponseCapture(HttpServerResponse response, Consumer<Sent> onEnd) {
        this.response = response;
        this.onEnd = onEnd;
        this.proxy = (HttpServerResponse) Proxy.newProxyInstance(HttpServerResponse.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, new Copying());
    }

    /** The routing context to hand to the handler whose answer is wanted. */
    RoutingContext around(RoutingContext context) {
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, new InvocationHandler() {
                    @Override
                    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
                        if (method.getName().equals("response") && method.getParameterCount() == 0) {
                            return proxy;
                        }
                        if (method.getDeclaringClass() == Object.class) {
                            return objectMethod(self, context, method, args);
                        }
                        Object result = call(method, context, args);
                        return result == context ? self : result;
                    }
                });
    }

    private final class Copying implements InvocationHandler {
        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(self, response, method, args);
            }
            String name = method.getName();
            if ((name.equals("endHandler") || name.equals("closeHandler")) && args != null && args.length == 1) {
                args = new Object[] {alsoReporting(args[0])};
            }
            if (name.equals("write") || name.equals("send") || name.startsWith("sendFile")) {
                streamed = true;
            }
            if (!name.equals("end")) {
                Object result = call(method, response, args);
                return result == response ? self : result;
            }
            // Marked before the real end: its end handler may run on the event loop before this thread goes on.
            endCalled = true;
            byte[] body = bodyOf(args);
            boolean delivered = false;
            try {
                Object result = call(method, response, args);
                delivered = true;
                return result == response ? self : result;
            } finally {
                if (ended.compareAndSet(false, true)) {
                    onEnd.accept(new Sent(response.getStatusCode(), response.headers().get(HttpHeaders.CONTENT_TYPE),
                            body, streamed || body == null || !delivered));
                }
            }
        }
    }

    /**
     * The handler SmallRye installs for the end or the close of the response, followed by reporting a response that
     * ended without passing through {@code end} here (the connection closed first, or a failure handler answered):
     * the real response keeps one handler of each kind, and SmallRye's replaces any installed before it.
     */
    @SuppressWarnings("unchecked")
    private Handler<Void> alsoReporting(Object installed) {
        Handler<Void> theirs = (Handler<Void>) installed;
        return event -> {
            try {
                if (theirs != null) {
                    theirs.handle(event);
                }
            } finally {
                if (!endCalled && ended.compareAndSet(false, true)) {
                    onEnd.accept(new Sent(response.getStatusCode(), null, null, true));
                }
            }
        };
    }

    /** The body of an {@code end(...)} call; null when it has none this copy can take (a handler only, nothing). */
    private static byte[] bodyOf(Object[] args) {
        if (args == null || args.length == 0) {
            return new byte[0];
        }
        if (args[0] instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (args[0] instanceof String text) {
            Charset charset = args.length > 1 && args[1] instanceof String name ? Charset.forName(name)
                    : StandardCharsets.UTF_8;
            return text.getBytes(charset);
        }
        return null;
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object self, Object target, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> call(method, target, args);
        };
    }
}
