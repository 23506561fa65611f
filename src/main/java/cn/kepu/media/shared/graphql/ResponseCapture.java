package cn.kepu.media.shared.graphql;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
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

    /**
     * A routing context for computing an answer that goes to no one (a recomputation ahead of expiry): everything is
     * the request's, except the response, which records its status, headers and the body of its one {@code end} and
     * sends nothing, and {@code fail}/{@code next}, which end it without a body instead of reaching the router (the
     * request was answered already). {@code onEnd} is called once; the handler installed for the response's end then
     * runs on {@code context}, as Vert.x runs them on the request's after the response is written.
     */
    static RoutingContext detached(RoutingContext request, Context context, Consumer<Sent> onEnd) {
        Detached response = new Detached(context, onEnd);
        HttpServerResponse sink = (HttpServerResponse) Proxy.newProxyInstance(HttpServerResponse.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, response);
        response.self = sink;
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (self, method, args) -> {
                    String name = method.getName();
                    if (name.equals("response") && method.getParameterCount() == 0) {
                        return sink;
                    }
                    if (name.equals("fail") || name.equals("next")) {
                        response.finish(null, true);
                        return null;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(self, request, method, args);
                    }
                    Object result = call(method, request, args);
                    return result == request ? self : result;
                });
    }

    /** The response of {@link #detached}: records, sends nothing. */
    private static final class Detached implements InvocationHandler {
        private final Context context;
        private final Consumer<Sent> onEnd;
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Handler<Void> endHandler;
        private HttpServerResponse self;
        private volatile int status = 200;
        private volatile boolean streamed;

        Detached(Context context, Consumer<Sent> onEnd) {
            this.context = context;
            this.onEnd = onEnd;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, this, method, args);
            }
            Class<?> returns = method.getReturnType();
            switch (method.getName()) {
                case "headers" -> {
                    return headers;
                }
                case "putHeader" -> {
                    if (args[1] instanceof Iterable<?> values) {
                        headers.remove(args[0].toString());
                        for (Object value : values) {
                            headers.add(args[0].toString(), value.toString());
                        }
                    } else {
                        headers.set(args[0].toString(), args[1].toString());
                    }
                    return self;
                }
                case "setStatusCode" -> {
                    status = (Integer) args[0];
                    return self;
                }
                case "getStatusCode" -> {
                    return status;
                }
                case "endHandler" -> {
                    // One, as on a real response; a close handler never runs: this response has no connection.
                    endHandler = (Handler<Void>) args[0];
                    return self;
                }
                case "ended", "headWritten" -> {
                    return ended.get();
                }
                case "closed" -> {
                    return false;
                }
                case "end" -> {
                    byte[] body = bodyOf(args);
                    finish(body, body == null);
                    Handler<AsyncResult<Void>> done = args != null && args.length > 0
                            && args[args.length - 1] instanceof Handler<?> h ? (Handler<AsyncResult<Void>>) h : null;
                    if (done != null) {
                        done.handle(Future.succeededFuture());
                    }
                    return returns == Future.class ? Future.succeededFuture() : null;
                }
                default -> {
                    if (method.getName().equals("write") || method.getName().equals("send")
                            || method.getName().startsWith("sendFile")) {
                        streamed = true;
                    }
                    if (returns == HttpServerResponse.class) {
                        return self;
                    }
                    if (returns == Future.class) {
                        return Future.succeededFuture();
                    }
                    if (returns == boolean.class) {
                        return false;
                    }
                    if (returns == int.class || returns == long.class) {
                        return returns == int.class ? (Object) 0 : (Object) 0L;
                    }
                    return null;
                }
            }
        }

        void finish(byte[] body, boolean failed) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                onEnd.accept(new Sent(status, headers.get(HttpHeaders.CONTENT_TYPE), body, streamed || failed));
            } finally {
                Handler<Void> handler = endHandler;
                if (handler != null) {
                    context.runOnContext(ignored -> handler.handle(null));
                }
            }
        }
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
